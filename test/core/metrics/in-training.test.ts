/**
 * The new metrics inside the one training loop: a wide two-layer ReLU net in
 * NTK parameterization trained by GD on a linear teacher. Every recorded step
 * carries every column, the step-0 values are the documented ones (drift 0,
 * no flips), the NTK barely moves (Du et al. 2019) while the loss falls, and
 * no tensor is leaked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { experimentSchema } from '../../../core/spec/schema.js';
import { expandExperiment } from '../../../core/spec/expand.js';
import { trainRun } from '../../../core/run/train.js';
import type { MetricRecord } from '../../../core/run/types.js';

beforeAll(async () => {
  await initEngine();
});

describe('ntk, act_flip, dir_cos and dist_init in trainRun', () => {
  it('records every column at every recorded step', async () => {
    const experiment = experimentSchema.parse({
      version: 1,
      name: 'metrics',
      seed: 3,
      data: { kind: 'sphere', n: 16, d: 4, target: { kind: 'linear' } },
      model: { hidden: [512], activation: 'relu', parameterization: 'ntk', init: { kind: 'normal', output: 'sign' }, trainable: 'hidden' },
      optimizers: [{ kind: 'gd', lr: 1 }],
      train: { steps: 40, record: { every: 10 } },
      metrics: ['loss', 'dist_init', 'ntk', 'act_flip', 'dir_cos'],
    });
    const [run] = expandExperiment(experiment);
    const before = tf.memory().numTensors;
    const records: MetricRecord[] = [];
    const result = await trainRun(run!, { onRecords: (r) => records.push(...r) });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.status).toBe('finished');
    expect(records.map((r) => r.step)).toEqual([0, 10, 20, 30, 40]);
    const columns = ['loss', 'dist_init', 'dist_init_l0', 'dist_init_l1', 'ntk_lambda_min', 'ntk_lambda_max', 'ntk_cond', 'ntk_drift', 'act_flip', 'dir_cos'];
    for (const r of records) for (const c of columns) expect(Number.isFinite(r[c]), `${c} at step ${r.step}`).toBe(true);
    const [first, last] = [records[0]!, records[records.length - 1]!];
    expect(first.ntk_drift).toBe(0);
    expect(first.act_flip).toBe(0);
    expect(first.dist_init).toBe(0);
    expect(last.loss).toBeLessThan(first.loss! / 2);
    expect(last.dist_init_l1).toBe(0); // the output layer is frozen
    expect(last.ntk_drift).toBeGreaterThan(0);
    expect(last.ntk_drift).toBeLessThan(0.2);
    expect(last.act_flip).toBeLessThan(0.1);
    expect(first.ntk_lambda_min).toBeGreaterThan(0);
    expect(Math.abs(last.dir_cos!)).toBeLessThanOrEqual(1);
  });
});
