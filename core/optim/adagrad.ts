/**
 * Adagrad (Duchi, Hazan & Singer 2011, diagonal form) as torch.optim.Adagrad.
 * At step t (0-based), with sum_0 = initial_accumulator_value everywhere:
 *   g    <- g + weight_decay x                      (L2 in the gradient)
 *   clr  =  lr_t / (1 + t lr_decay)
 *   sum  <- sum + g^2
 *   x    <- x - clr g / (sqrt(sum) + eps)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads, Slots, withL2 } from './state.js';
import { CompensatedSum } from './compensated.js';

export interface AdagradOptions {
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
}

export class Adagrad implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly sum = new Slots('sum');
  private readonly acc = new CompensatedSum();

  constructor(private readonly opts: AdagradOptions) {}

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.dispose(); // sum_0 = initial_accumulator_value, whatever ran before
    const { lr_decay, eps, weight_decay, initial_accumulator_value } = this.opts;
    const clr = lr / (1 + t * lr_decay);
    return tf.tidy(() => {
      const sum = this.sum.get(x, (p) => tf.fill(p.shape, initial_accumulator_value, p.dtype));
      const newSum: tf.Tensor[] = [];
      const delta = x.map((p, i) => {
        const g = withL2(grads[i] as tf.Tensor, p, weight_decay);
        const s = tf.add(sum[i] as tf.Tensor, tf.square(g));
        newSum.push(s);
        return tf.mul(tf.div(g, tf.add(tf.sqrt(s), eps)), -clr);
      });
      this.sum.set(newSum);
      return this.acc.add(x, delta);
    });
  }

  dispose(): void {
    this.sum.clear();
    this.acc.reset();
  }
}
