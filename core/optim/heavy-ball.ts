/**
 * Polyak's heavy ball (1964):
 *   x_{t+1} = x_t - lr_t g(x_t) + beta (x_t - x_{t-1}),   x_{-1} = x_0.
 * The state is the last displacement d_t = x_t - x_{t-1} (d_0 = 0), kept as
 * computed (before rounding into x), and x is updated with compensated
 * summation (compensated.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots } from './state.js';
import { CompensatedSum } from './compensated.js';

export interface HeavyBallOptions {
  /** beta in [0, 1). */
  momentum: number;
}

export class HeavyBall implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly d = new Slots('x_t - x_{t-1}');
  private readonly sum = new CompensatedSum();

  constructor(private readonly opts: HeavyBallOptions) {}

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.dispose(); // x_{-1} = x_0, whatever ran before
    const beta = this.opts.momentum;
    return tf.tidy(() => {
      const d = this.d.get(x, (p) => tf.zerosLike(p));
      // x_{t+1} - x_t = -lr g(x_t) + beta (x_t - x_{t-1})
      const delta = x.map((_, i) => tf.add(tf.mul(grads[i] as tf.Tensor, -lr), tf.mul(d[i] as tf.Tensor, beta)));
      this.d.set(delta);
      return this.sum.add(x, delta);
    });
  }

  dispose(): void {
    this.d.clear();
    this.sum.reset();
  }
}
