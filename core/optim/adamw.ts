/**
 * AdamW (Loshchilov & Hutter 2019, decoupled weight decay), as
 * torch.optim.AdamW: first shrink the weights, then take a plain Adam step.
 *   x <- x - lr_t weight_decay x
 *   m, v, x <- Adam update with gradient g (no L2 term), see adam.ts
 * The decay is scaled by lr_t, as in PyTorch (the paper scales it by the
 * schedule multiplier eta_t alone). The update itself lives in adam.ts.
 */
import { Adam, type AdamOptions } from './adam.js';

export type AdamWOptions = Omit<AdamOptions, 'decoupled'>;

export class AdamW extends Adam {
  constructor(opts: AdamWOptions) {
    super({ ...opts, decoupled: true });
  }
}
