/**
 * The optimizer contract. Parameters are lists of tensors owned by the training
 * loop; an optimizer returns new tensors and never disposes the ones it is given.
 *
 * One step t (0-based) of the loop:
 *   at   = opt.evalPoint(x, t)      // x_t for most methods, y_t for Nesterov
 *   g    = gradient of the loss at `at`
 *   x'   = opt.step(x, g, lr_t, t)  // x_{t+1}
 * The exact update rules are in docs/optimizers.md.
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface Optimizer {
  /** The point where the gradient for step t is taken. May return `x` itself; otherwise new tensors the caller disposes. */
  evalPoint(x: readonly tf.Tensor[], t: number): tf.Tensor[];
  /** Whether evalPoint(x, t) is x itself (then the loop can reuse that gradient for metrics at x_t). */
  readonly evaluatesAtX: boolean;
  /** x_{t+1} from x_t and the gradient at evalPoint(x_t, t), with learning rate lr. Returns new tensors. */
  step(x: readonly tf.Tensor[], grads: readonly tf.Tensor[], lr: number, t: number): tf.Tensor[];
  /** Release the optimizer's state tensors. */
  dispose(): void;
}
