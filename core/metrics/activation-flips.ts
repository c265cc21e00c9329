/**
 * The `act_flip` metric: the fraction of hidden pre-activation signs, over all
 * hidden units of all hidden layers and all training points, that differ from
 * step 0. A sign is "on" when z > 0 and "off" when z <= 0 (the ReLU gate, with
 * relu'(0) = 0 as in core/nn/activations.ts). In the NTK regime almost no gate
 * flips, which is why H_t stays near H_0 (Du et al. 2019, Lemma 3.2 counts
 * exactly these flips). NaN for a model without hidden layers.
 *
 * The step-0 gates stay on the device as 0/1 tensors; each record downloads one
 * number.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Metric, MetricContext } from './metric.js';
import { forward } from '../nn/mlp.js';

export class ActivationFlipMetric implements Metric {
  readonly name = 'act_flip' as const;
  private initialGates: tf.Tensor2D[] | null = null;

  compute(ctx: MetricContext): Record<string, number> {
    const pre = ctx.forwardTrain().pre;
    if (pre.length === 0) return { act_flip: Number.NaN };
    this.initialGates ??= ctx.step === 0 ? keepGates(pre) : initialGatesFrom(ctx);
    const initial = this.initialGates;
    const total = pre.reduce((acc, z) => acc + z.size, 0);
    const flipped = tf.tidy(() => tf.addN(pre.map((z, l) => tf.sum(tf.notEqual(gates(z), initial[l]!)))).dataSync()[0]!);
    return { act_flip: flipped / total };
  }

  dispose(): void {
    if (this.initialGates) tf.dispose(this.initialGates);
    this.initialGates = null;
  }
}

export function activationFlipMetric(): ActivationFlipMetric {
  return new ActivationFlipMetric();
}

/** 1 where z > 0, else 0. */
function gates(z: tf.Tensor2D): tf.Tensor2D {
  return tf.cast(tf.greater(z, 0), 'int32');
}

function keepGates(pre: readonly tf.Tensor2D[]): tf.Tensor2D[] {
  return tf.tidy(() => pre.map(gates));
}

function initialGatesFrom(ctx: MetricContext): tf.Tensor2D[] {
  return tf.tidy(() => forward(ctx.arch, ctx.initial, ctx.objective.xTrain).pre.map(gates));
}
