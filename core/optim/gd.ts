/**
 * Gradient descent: x_{t+1} = x_t - lr_t g_t. Also `sgd`: the rule is the same,
 * and drawing the minibatch that g_t is computed on is the training loop's job.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';
import { checkGrads } from './state.js';

export class GradientDescent implements Optimizer {
  readonly evaluatesAtX = true;

  evalPoint(x: readonly tf.Tensor[]): tf.Tensor[] {
    return [...x];
  }

  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number): tf.Tensor[] {
    checkGrads(x, grads);
    return tf.tidy(() => x.map((p, i) => tf.sub(p, tf.mul(grads[i] as tf.Tensor, lr))));
  }

  dispose(): void {}
}
