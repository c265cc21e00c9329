/** Norms over lists of tensors, read back as float64 numbers. */
import * as tf from '@tensorflow/tfjs-core';

/** Sum of squares of every entry of every tensor. */
export function squaredNorm(tensors: readonly tf.Tensor[]): number {
  if (tensors.length === 0) return 0;
  return tf.tidy(() => tf.addN(tensors.map((t) => tf.sum(tf.square(t)))).dataSync()[0]!);
}

/** Squared distance between two lists of tensors of the same shapes. */
export function squaredDistance(a: readonly tf.Tensor[], b: readonly tf.Tensor[]): number {
  if (a.length === 0) return 0;
  return tf.tidy(() => tf.addN(a.map((t, i) => tf.sum(tf.square(tf.sub(t, b[i]!))))).dataSync()[0]!);
}
