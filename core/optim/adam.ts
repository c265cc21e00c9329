/**
 * Adam (Kingma & Ba 2015, Algorithm 1), as torch.optim.Adam. At step t
 * (0-based), with k = t + 1 and m_0 = v_0 = 0:
 *   g   <- g + weight_decay x                       (L2 in the gradient)
 *   m   <- b1 m + (1 - b1) g
 *   v   <- b2 v + (1 - b2) g^2
 *   x   <- x - lr_t (m / (1 - b1^k)) / (sqrt(v / (1 - b2^k)) + eps)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots, withL2 } from './state.js';
import { CompensatedSum } from './compensated.js';

export interface AdamOptions {
  betas: readonly [number, number];
  eps: number;
  weight_decay: number;
  /**
   * false: L2 folded into the gradient (Adam); true: decoupled decay
   * x <- x - lr_t weight_decay x before the Adam step (AdamW, see adamw.ts).
   */
  decoupled?: boolean;
}

/** The Adam moment update and step for one tensor; shared with AdamW. */
export function adamUpdate(
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  lr: number,
  k: number,
  betas: readonly [number, number],
  eps: number,
): { delta: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const [b1, b2] = betas;
  const m1 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
  const v1 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
  // Bias corrections in float64 on the host, as PyTorch does: step = lr/bc1, denom = sqrt(v)/sqrt(bc2) + eps.
  const bc1 = 1 - b1 ** k;
  const bc2 = 1 - b2 ** k;
  const denom = tf.add(tf.div(tf.sqrt(v1), Math.sqrt(bc2)), eps);
  return { delta: tf.mul(tf.div(m1, denom), -lr / bc1), m: m1, v: v1 };
}

export class Adam implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly m = new Slots('m');
  private readonly v = new Slots('v');
  private readonly sum = new CompensatedSum();

  constructor(private readonly opts: AdamOptions) {}

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
      const decoupled = this.opts.decoupled === true;
      const out = x.map((p, i) => {
        const g = decoupled ? (grads[i] as tf.Tensor) : withL2(grads[i] as tf.Tensor, p, weight_decay);
        const step = adamUpdate(g, m[i] as tf.Tensor, v[i] as tf.Tensor, lr, t + 1, betas, eps);
        if (!decoupled || weight_decay === 0) return step;
        // Decoupled decay: x (1 - lr wd) + Adam step, i.e. delta = Adam step - lr wd x.
        return { ...step, delta: tf.sub(step.delta, tf.mul(p, lr * weight_decay)) };
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
