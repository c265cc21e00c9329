/**
 * The training objective of one run: the network, the loss and the data, as
 * tensors. Parameters are passed in full (every layer); gradients come back for
 * the trainable tensors only, in the order of `trainable`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossSpec } from '../spec/schema.js';
import type { Dataset, LabelKind } from '../data/dataset.js';
import { backward, forward } from '../nn/mlp.js';
import { trainableSlots, type Architecture } from '../nn/architecture.js';
import { lossAndGradient } from '../loss/losses.js';

export interface Evaluation {
  loss: tf.Scalar;
  /** Gradients of the trainable tensors, in `trainable` order. */
  grads: tf.Tensor[];
}

export class Objective {
  readonly trainable: number[];
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor1D;
  readonly xTest: tf.Tensor2D | null;
  readonly yTest: tf.Tensor1D | null;
  readonly labels: LabelKind;

  constructor(
    readonly arch: Architecture,
    readonly lossSpec: LossSpec,
    readonly data: Dataset,
  ) {
    this.trainable = trainableSlots(arch);
    this.labels = data.labels;
    this.xTrain = tf.tensor2d(data.train.x, [data.train.n, data.d]);
    this.yTrain = tf.tensor1d(data.train.y);
    this.xTest = data.test.n > 0 ? tf.tensor2d(data.test.x, [data.test.n, data.d]) : null;
    this.yTest = data.test.n > 0 ? tf.tensor1d(data.test.y) : null;
  }

  /** Loss and trainable gradients at `params` on a batch; `scale` multiplies both. */
  evaluate(params: readonly tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor1D, scale = 1): Evaluation {
    return tf.tidy(() => {
      const fwd = forward(this.arch, params, x);
      const { loss, dOut } = lossAndGradient(this.lossSpec, fwd.out, y, this.labels, scale);
      const all = backward(this.arch, params, fwd, dOut);
      const grads = this.trainable.map((i) => all[i]!);
      return { loss, grads };
    });
  }

  /** Loss only (no backward pass), e.g. on the test split. */
  lossAt(params: readonly tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor1D): number {
    return tf.tidy(() => lossAndGradient(this.lossSpec, forward(this.arch, params, x).out, y, this.labels).loss.dataSync()[0]!);
  }

  /** The full parameter list with the trainable tensors replaced by `x`. */
  withTrainable(all: readonly tf.Tensor[], x: readonly tf.Tensor[]): tf.Tensor[] {
    const out = all.slice();
    this.trainable.forEach((slot, k) => {
      out[slot] = x[k]!;
    });
    return out;
  }

  dispose(): void {
    tf.dispose([this.xTrain, this.yTrain]);
    if (this.xTest) tf.dispose([this.xTest, this.yTest!]);
  }
}
