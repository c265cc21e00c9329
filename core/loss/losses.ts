/**
 * Losses on the network output f (n x outputs) and labels y (n), each with
 * dLoss/df for the hand-written backward pass. With reduction `sum`:
 *   mse            L = 1/2 sum_i (f_i - y_i)^2            dL/df_i = f_i - y_i
 *   logistic       L = sum_i log(1 + exp(-y_i f_i))       dL/df_i = -y_i sigmoid(-y_i f_i)
 *   exponential    L = sum_i exp(-y_i f_i)                dL/df_i = -y_i exp(-y_i f_i)
 *   cross-entropy  L = sum_i (logsumexp(f_i) - f_i[c_i])  dL/df_i = softmax(f_i) - onehot(c_i)
 * `mean` divides L and its gradient by n. For cross-entropy, labels in
 * {-1, +1} are classes 0 and 1; otherwise the labels are class indices.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossSpec } from '../spec/schema.js';
import type { LabelKind } from '../data/dataset.js';

export interface LossValue {
  loss: tf.Scalar;
  /** dLoss/df, the same shape as f. */
  dOut: tf.Tensor2D;
}

/**
 * Loss and its gradient. `scale` multiplies both (the training loop uses it
 * to make a minibatch's sum an unbiased estimate of the full sum).
 */
export function lossAndGradient(spec: LossSpec, f: tf.Tensor2D, y: tf.Tensor1D, labels: LabelKind, scale = 1): LossValue {
  return tf.tidy(() => {
    const n = f.shape[0];
    const factor = (spec.reduction === 'mean' ? 1 / n : 1) * scale;
    let loss: tf.Scalar;
    let dOut: tf.Tensor2D;
    if (spec.kind === 'cross-entropy') {
      const classes = f.shape[1];
      const idx = labels === 'pm1' ? tf.cast(tf.div(tf.add(y, 1), 2), 'int32') : tf.cast(y, 'int32');
      const onehot = tf.cast(tf.oneHot(idx as tf.Tensor1D, classes), 'float32') as tf.Tensor2D;
      const lse = tf.logSumExp(f, 1);
      const picked = tf.sum(tf.mul(f, onehot), 1);
      loss = tf.sum(tf.sub(lse, picked));
      dOut = tf.sub(tf.softmax(f), onehot);
    } else {
      const fy = tf.reshape(f, [n]);
      let l: tf.Tensor;
      let g: tf.Tensor;
      if (spec.kind === 'mse') {
        const r = tf.sub(fy, y);
        l = tf.mul(tf.square(r), 0.5);
        g = r;
      } else if (spec.kind === 'logistic') {
        const m = tf.mul(tf.neg(y), fy); // -y f
        l = tf.softplus(m); // log(1 + exp(-y f)), computed stably
        g = tf.mul(tf.neg(y), tf.sigmoid(m));
      } else {
        const e = tf.exp(tf.mul(tf.neg(y), fy));
        l = e;
        g = tf.mul(tf.neg(y), e);
      }
      loss = tf.sum(l);
      dOut = tf.reshape(g, [n, 1]);
    }
    return { loss: tf.mul(loss, factor) as tf.Scalar, dOut: tf.mul(dOut, factor) as tf.Tensor2D };
  });
}

/** Number of network outputs the loss needs: the class count for cross-entropy, else 1. */
export function outputCount(spec: LossSpec, classes: number): number {
  return spec.kind === 'cross-entropy' ? Math.max(2, classes) : 1;
}
