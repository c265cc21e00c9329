/**
 * For a linear model f = X w (hidden: [], standard parameterization, every
 * weight trained) the Jacobian is X whatever w is, so H = X X^T is constant
 * and the linearized prediction is the exact trajectory: theory_loss must
 * match the real run's loss up to float32 rounding, for every optimizer.
 *
 * Tolerance: the loop runs in float32 (unit roundoff u = 6e-8), so the real
 * error vector is e_t + delta with |delta| ~ k u |e_0| for a small k, and
 * L = |e|^2 / 2 is then off by about |e_t| |delta| ~ k u sqrt(L_t L_0): the
 * gap scales with sqrt(L_t L_0), not with L_t. (H is summed in float32 too;
 * its eigenvalues are off by ~u lambda_max, a smaller effect over 300 steps.)
 * So we require, at every record,
 *   |theory_loss - loss| <= 4e-6 sqrt(loss L_0)     (~ 60 u; measured <= 4.9e-7 ~ 8 u)
 * and, while loss > 1e-4 L_0, a relative gap below 1e-4 (measured <= 1.7e-5).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import type { ExperimentInput } from '../../../core/spec/index.js';
import type { MetricRecord } from '../../../core/run/types.js';
import { maxRelativeGap, runExperiment } from './run-theory.js';

beforeAll(async () => {
  await initEngine();
});

const linear = (reduction: 'sum' | 'mean', optimizers: ExperimentInput['optimizers']): ExperimentInput => ({
  version: 1,
  name: 'linear model theory',
  seed: 11,
  data: { kind: 'gaussian', n: 16, d: 24, normalize: 'sphere', target: { kind: 'random' }, test: 0 },
  model: { hidden: [], parameterization: 'standard', bias: false, init: { kind: 'normal', scale: 0.5 }, trainable: 'all' },
  loss: { kind: 'mse', reduction },
  train: { steps: 300, batch: 'full', record: { every: 5 } },
  optimizers,
  metrics: ['loss', 'theory'],
});

/** max |theory_loss - loss| / sqrt(loss L_0) over every record. */
function maxScaledGap(records: readonly MetricRecord[]): number {
  const l0 = records[0]!.loss!;
  let gap = 0;
  for (const r of records) gap = Math.max(gap, Math.abs(r.theory_loss! - r.loss!) / Math.sqrt(r.loss! * l0));
  return gap;
}

describe('theory_loss on a linear model equals the real loss', () => {
  it('gd, heavy-ball, nesterov (constant and (k-1)/(k+2)), reduction sum', async () => {
    const before = tf.memory().numTensors;
    const runs = await runExperiment(
      linear('sum', [
        { label: 'GD', kind: 'gd', lr: 0.3 },
        { label: 'HB', kind: 'heavy-ball', lr: 0.1, momentum: 0.7 },
        { label: 'NAG', kind: 'nesterov', lr: 0.1, momentum: 0.7 },
        { label: 'NAG-k', kind: 'nesterov', lr: 0.2, momentum: '(k-1)/(k+2)' },
      ]),
    );
    for (const { label, result, records } of runs) {
      expect(result.status, label).toBe('finished');
      const l0 = records[0]!.loss!;
      expect(Math.abs(records[0]!.theory_loss! - l0) / l0, label).toBeLessThan(1e-6);
      const gap = maxRelativeGap(records, 'theory_loss', 1e-4 * l0);
      const scaled = maxScaledGap(records);
      const last = records[records.length - 1]!;
      console.log(`linear ${label}: relative gap ${gap.toExponential(2)}, scaled gap ${scaled.toExponential(2)}, loss ${l0.toExponential(2)} -> ${last.loss!.toExponential(2)}`);
      expect(gap, label).toBeLessThan(1e-4);
      expect(scaled, label).toBeLessThan(4e-6);
      expect(last.loss!, label).toBeLessThan(l0 / 10); // the comparison covers real progress
      expect(Math.abs(records[0]!.ode_loss! - l0) / l0, label).toBeLessThan(1e-6);
      for (const r of records) expect(Number.isFinite(r.ode_loss), `${label} ode_loss at ${r.step}`).toBe(true);
      expect(records[0]!.theory_rho!, label).toBeGreaterThan(0);
      expect(records[0]!.theory_rho!, label).toBeLessThan(1);
      expect(records[1]!.theory_rho, label).toBeUndefined(); // step 0 only
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reduction mean: the effective step is lr / n', async () => {
    const [run] = await runExperiment(linear('mean', [{ label: 'HB', kind: 'heavy-ball', lr: 1.6, momentum: 0.7 }]));
    const l0 = run!.records[0]!.loss!;
    const gap = maxRelativeGap(run!.records, 'theory_loss', 1e-4 * l0);
    const scaled = maxScaledGap(run!.records);
    console.log(`linear mean HB: relative gap ${gap.toExponential(2)}, scaled gap ${scaled.toExponential(2)}`);
    expect(gap).toBeLessThan(1e-4);
    expect(scaled).toBeLessThan(4e-6);
    expect(run!.records[run!.records.length - 1]!.loss!).toBeLessThan(l0 / 10);
  });
});
