/**
 * A MetricContext for tests, built as core/run/train.ts builds one: the full
 * evaluation and the forward pass on the training inputs are made lazily and
 * freed by dispose().
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MetricContext } from '../../../core/metrics/metric.js';
import type { Dataset } from '../../../core/data/dataset.js';
import { paramSlots, type Architecture } from '../../../core/nn/architecture.js';
import { forward, type ForwardPass } from '../../../core/nn/mlp.js';
import { Objective, type Evaluation } from '../../../core/run/objective.js';

export interface TestContext {
  ctx: MetricContext;
  dispose(): void;
}

/** A regression dataset on row-major x (n x d) with labels y and teacher w*. */
export function dataset(x: ArrayLike<number>, n: number, d: number, y: ArrayLike<number>, teacher: Float64Array | null): Dataset {
  return {
    d,
    train: { x: Float32Array.from(x), y: Float32Array.from(y), n },
    test: { x: new Float32Array(0), y: new Float32Array(0), n: 0 },
    labels: 'real',
    classes: 0,
    teacher,
    source: { kind: 'synthetic', generator: 'test' },
  };
}

/** Parameter tensors from float arrays in parameter-list order. */
export function tensors(arch: Architecture, values: readonly ArrayLike<number>[]): tf.Tensor[] {
  const slots = paramSlots(arch);
  return values.map((v, i) => tf.tensor(Float32Array.from(v), slots[i]!.shape));
}

/** A context at `step`; the objective is owned by the caller (share one across steps). */
export function context(step: number, arch: Architecture, data: Dataset, objective: Objective, params: readonly tf.Tensor[], initial: readonly tf.Tensor[]): TestContext {
  let evaluation: Evaluation | null = null;
  let full: { loss: number; grads: readonly tf.Tensor[] } | null = null;
  let fwd: ForwardPass | null = null;
  let kept: tf.Tensor[] = [];
  const ctx: MetricContext = {
    step,
    arch,
    data,
    objective,
    params,
    initial,
    full: () => {
      if (full === null) {
        evaluation = objective.evaluate(params, objective.xTrain, objective.yTrain);
        full = { loss: evaluation.loss.dataSync()[0]!, grads: evaluation.grads };
      }
      return full;
    },
    forwardTrain: () => {
      if (fwd === null) {
        const pass = tf.tidy(() => {
          const f = forward(arch, params, objective.xTrain);
          return { out: f.out, inputs: f.inputs.slice(1), pre: f.pre };
        });
        kept = [pass.out, ...pass.inputs, ...pass.pre];
        fwd = { out: pass.out, inputs: [objective.xTrain, ...pass.inputs], pre: pass.pre };
      }
      return fwd;
    },
  };
  return {
    ctx,
    dispose: () => {
      tf.dispose(kept);
      const e: Evaluation | null = evaluation;
      if (e !== null) tf.dispose([(e as Evaluation).loss, ...(e as Evaluation).grads]);
    },
  };
}
