/**
 * AdamW (Loshchilov & Hutter 2019, decoupled weight decay), as
 * torch.optim.AdamW: first shrink the weights, then take a plain Adam step.
 *   x <- x - lr_t weight_decay x
 *   m, v, x <- Adam update with gradient g (no L2 term), see adam.ts
 * The decay is scaled by lr_t, as in PyTorch (the paper scales it by the
 * schedule multiplier eta_t alone).
 */
import * as tf from '@tensorflow/tfjs-core';
import { adamUpdate } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots } from './state.js';
import { CompensatedSum } from './compensated.js';

export interface AdamWOptions {
  betas: readonly [number, number];
  eps: number;
  weight_decay: number;
}

export class AdamW implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly m = new Slots('m');
  private readonly v = new Slots('v');
  private readonly sum = new CompensatedSum();

  constructor(private readonly opts: AdamWOptions) {}

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.dispose(); // m_0 = v_0 = 0, whatever ran before
    const { betas, eps, weight_decay } = this.opts;
    return tf.tidy(() => {
      const m = this.m.get(x, (p) => tf.zerosLike(p));
      const v = this.v.get(x, (p) => tf.zerosLike(p));
      const out = x.map((p, i) => {
        const step = adamUpdate(grads[i] as tf.Tensor, m[i] as tf.Tensor, v[i] as tf.Tensor, lr, t + 1, betas, eps);
        // Decoupled decay: x (1 - lr wd) + adam step, i.e. delta = -lr wd x + adam step.
        return weight_decay === 0 ? step : { ...step, delta: tf.sub(step.delta, tf.mul(p, lr * weight_decay)) };
      });
      this.m.set(out.map((o) => o.m));
      this.v.set(out.map((o) => o.v));
      return this.sum.add(x, out.map((o) => o.delta));
    });
  }

  dispose(): void {
    this.m.clear();
    this.v.clear();
    this.sum.reset();
  }
}
