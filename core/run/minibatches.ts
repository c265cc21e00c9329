/**
 * Minibatch order for SGD: each epoch is a fresh seeded permutation of the
 * training rows (streamRng(seed, 'batch')), cut into floor(n / b) batches of
 * exactly b rows; the few rows left over in an epoch wait for the next
 * shuffle. Rows are picked with tf.gather on the data, which needs no gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { streamRng, type Rng } from '../random/rng.js';

export class Minibatches {
  private readonly rng: Rng;
  private order: Int32Array = new Int32Array(0);
  private next = 0;

  constructor(
    private readonly n: number,
    private readonly size: number,
    seed: number,
  ) {
    this.rng = streamRng(seed, 'batch');
  }

  /** Row indices of the next batch. */
  nextRows(): Int32Array {
    if (this.next + this.size > this.order.length) {
      this.order = this.rng.permutation(this.n);
      this.next = 0;
    }
    const rows = this.order.slice(this.next, this.next + this.size);
    this.next += this.size;
    return rows;
  }

  /** The next batch of x and y; the caller disposes both. */
  take(x: tf.Tensor2D, y: tf.Tensor1D): { x: tf.Tensor2D; y: tf.Tensor1D } {
    const rows = this.nextRows();
    return tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      return { x: tf.gather(x, idx) as tf.Tensor2D, y: tf.gather(y, idx) as tf.Tensor1D };
    });
  }
}
