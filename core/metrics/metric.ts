/**
 * The metric pipeline. A metric is created once per run, may keep state from
 * step 0 (e.g. the initial NTK), and at each step it is due computes one or
 * more named columns. Expensive inputs (the full-batch gradient, the forward
 * pass on the training inputs) are computed at most once per recorded step
 * and shared through the context.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MetricName, OptimizerSpec, RecordSpec } from '../spec/schema.js';
import type { Dataset } from '../data/dataset.js';
import type { Architecture } from '../nn/architecture.js';
import type { ForwardPass } from '../nn/mlp.js';
import type { Objective } from '../run/objective.js';

export interface MetricContext {
  step: number;
  arch: Architecture;
  data: Dataset;
  objective: Objective;
  /** Every parameter at this step (x_t). */
  params: readonly tf.Tensor[];
  /** Every parameter at step 0. */
  initial: readonly tf.Tensor[];
  /** Full-batch training loss and trainable gradients at x_t (shared; do not dispose). */
  full(): { loss: number; grads: readonly tf.Tensor[] };
  /** Forward pass on the training inputs at x_t (shared; do not dispose). */
  forwardTrain(): ForwardPass;
  /** The run's optimizer entry (the training loop sets it; the `theory` metric needs it). */
  optimizer?: OptimizerSpec;
}

export interface Metric {
  readonly name: MetricName;
  /** Column values at this step; non-finite values are recorded as they are. */
  compute(ctx: MetricContext): Record<string, number>;
  dispose?(): void;
}

/** Steps between records of a metric: its own cadence, else `every`. */
export function cadence(record: RecordSpec, name: MetricName): number {
  return (record as Partial<Record<MetricName, number>>)[name] ?? record.every;
}

/** Whether a metric is due at step t (step 0 and the last step are always recorded). */
export function isDue(record: RecordSpec, name: MetricName, t: number, last: boolean): boolean {
  return t === 0 || last || t % cadence(record, name) === 0;
}
