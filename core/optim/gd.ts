/**
 * Gradient descent: x_{t+1} = x_t - lr_t g_t. Also `sgd`: the rule is the same,
 * and drawing the minibatch that g_t is computed on is the training loop's job.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads } from './state.js';
import { CompensatedSum } from './compensated.js';

export class GradientDescent implements Optimizer {
  readonly evaluatesAtX = true;
  private readonly sum = new CompensatedSum();

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[] {
    checkGrads(x, grads);
    if (t === 0) this.sum.reset();
    return tf.tidy(() => this.sum.add(x, grads.map((g) => tf.mul(g, -lr))));
  }

  dispose(): void {
    this.sum.reset();
  }
}
