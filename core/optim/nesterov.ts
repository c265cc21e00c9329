/**
 * Nesterov's accelerated gradient in its look-ahead form (Nesterov 1983; as
 * written by Su, Boyd & Candes 2016 and Bu et al. 2021):
 *   y_t     = x_t + beta_t (x_t - x_{t-1}),   x_{-1} = x_0 (so y_0 = x_0)
 *   x_{t+1} = y_t - lr_t g(y_t)
 * The gradient is taken at y_t, which evalPoint returns. This is not PyTorch's
 * SGD(nesterov=True), which re-parametrises the method to track y instead of x.
 * The state is the last displacement d_t = x_t - x_{t-1} (d_0 = 0).
 */
import * as tf from '@tensorflow/tfjs-core';
import { NESTEROV_SCHEDULE } from '../spec/schema.js';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots } from './state.js';
import { CompensatedSum } from './compensated.js';

export type NesterovMomentum = number | typeof NESTEROV_SCHEDULE;

export interface NesterovOptions {
  /** A constant beta in [0, 1), or "(k-1)/(k+2)" with k = t, the iterate index (Su, Boyd & Candes 2016). */
  momentum: NesterovMomentum;
}

/**
 * beta_t at 0-based step t. For the schedule, k = t is the index of the
 * iterate x_t, exactly as in Su, Boyd & Candes (2016) with y_0 = x_0:
 * beta_1 = 0, beta_2 = 1/4, beta_3 = 2/5, ... (beta_0 has no effect: x_0 - x_{-1} = 0).
 */
export function nesterovMomentum(momentum: NesterovMomentum, t: number): number {
  if (momentum !== NESTEROV_SCHEDULE) return momentum;
  if (t === 0) return 0;
  const k = t;
  return (k - 1) / (k + 2);
}

export class Nesterov implements Optimizer {
  readonly evaluatesAtX = false;
  private readonly d = new Slots('x_t - x_{t-1}');
  private readonly sum = new CompensatedSum();

  constructor(private readonly opts: NesterovOptions) {}

  /** y_t as new tensors (copies of x_t at t = 0, where x_t - x_{t-1} = 0). */
  evalPoint(x: readonly tf.Tensor[], t: number): tf.Tensor[] {
    if (t === 0) return x.map((p) => p.clone());
    const beta = nesterovMomentum(this.opts.momentum, t);
    return tf.tidy(() => {
      const d = this.d.get(x, (p) => tf.zerosLike(p));
      return x.map((p, i) => lookAhead(p, d[i] as tf.Tensor, beta));
    });
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.dispose(); // x_{-1} = x_0, whatever ran before
    const beta = nesterovMomentum(this.opts.momentum, t);
    return tf.tidy(() => {
      const d = this.d.get(x, (p) => tf.zerosLike(p));
      // x_{t+1} - x_t = (y_t - lr g(y_t)) - x_t = beta_t (x_t - x_{t-1}) - lr g(y_t)
      const delta = x.map((_, i) => tf.sub(tf.mul(d[i] as tf.Tensor, beta), tf.mul(grads[i] as tf.Tensor, lr)));
      this.d.set(delta);
      return this.sum.add(x, delta);
    });
  }

  dispose(): void {
    this.d.clear();
    this.sum.reset();
  }
}

/** y = x + beta d, computed the same way in evalPoint and step so both see the same y_t bit for bit. */
function lookAhead(x: tf.Tensor, d: tf.Tensor, beta: number): tf.Tensor {
  return tf.add(x, tf.mul(d, beta));
}
