/**
 * trainRun's onEnd hook: called once when the loop ends, whatever the status,
 * with theta_T (the parameters the final record was taken at), theta_0 (the
 * init's weights) and the objective, all still alive during the call and
 * freed after it; a hook that throws ends the run as failed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { expandExperiment, validateExperiment, formatProblems, type RunSpec } from '../../../core/spec/index.js';
import { architecture } from '../../../core/nn/architecture.js';
import { initialWeights } from '../../../core/nn/init.js';
import { trainRun, type TrainEndState } from '../../../core/run/train.js';
import type { MetricRecord } from '../../../core/run/types.js';

beforeAll(async () => {
  await initEngine();
});

function runOf(train: Record<string, unknown>, lr = 0.05): RunSpec {
  const v = validateExperiment({
    version: 1,
    name: 'onEnd test',
    seed: 5,
    data: { kind: 'gaussian', n: 12, d: 4, normalize: 'sphere', target: { kind: 'linear' } },
    model: { hidden: [8], activation: 'relu' },
    loss: { kind: 'mse', reduction: 'sum' },
    train: { record: { every: 1 }, ...train },
    optimizers: [{ kind: 'gd', lr }],
    metrics: ['loss'],
  });
  if (!v.ok) throw new Error(formatProblems(v.problems));
  return expandExperiment(v.value)[0]!;
}

/** What the hook saw, copied out while its tensors were alive. */
interface Seen {
  state: Omit<TrainEndState, 'params' | 'initial' | 'objective' | 'arch'>;
  loss: number;
  params: Float32Array[];
  initial: Float32Array[];
}

async function train(run: RunSpec, opts: { signal?: AbortSignal } = {}): Promise<{ seen: Seen[]; records: MetricRecord[]; kept: tf.Tensor[] }> {
  const seen: Seen[] = [];
  const records: MetricRecord[] = [];
  const kept: tf.Tensor[] = [];
  const result = await trainRun(run, {
    ...opts,
    onRecords: (r) => records.push(...r),
    onEnd: ({ step, status, objective, params, initial }) => {
      kept.push(...params, ...initial);
      seen.push({
        state: { step, status },
        loss: objective.lossAt(params, objective.xTrain, objective.yTrain),
        params: params.map((p) => p.dataSync() as Float32Array),
        initial: initial.map((p) => p.dataSync() as Float32Array),
      });
    },
  });
  expect(seen.map((s) => s.state)).toEqual([{ step: result.steps, status: result.status }]);
  return { seen, records, kept };
}

describe('trainRun onEnd', () => {
  it('sees theta_T of the last record and theta_0 of the init, then they are freed', async () => {
    const run = runOf({ steps: 30 });
    const before = tf.memory().numTensors;
    const { seen, records, kept } = await train(run);
    expect(tf.memory().numTensors).toBe(before);
    expect(kept.every((t) => t.isDisposed)).toBe(true);
    const [end] = seen;
    expect(end!.state).toEqual({ step: 30, status: 'finished' });
    expect(end!.loss).toBeCloseTo(records[records.length - 1]!.loss!, 5);
    expect(end!.initial).toEqual(initialWeights(architecture(run.model, 4, 1), run.model.init, run.seed));
    // Training moved the trainable weights.
    expect(end!.params.some((p, i) => p.some((v, j) => v !== end!.initial[i]![j]))).toBe(true);
  });

  it('is called at the step a run stops early (target reached, diverged, cancelled)', async () => {
    const target = await train(runOf({ steps: 2000, targetLoss: 1e-3, record: { every: 1 } }, 0.1));
    expect(target.seen[0]!.state.status).toBe('finished');
    expect(target.seen[0]!.state.step).toBeLessThan(2000);
    expect(target.seen[0]!.loss).toBeLessThanOrEqual(1e-3 * (1 + 1e-5));

    const diverged = await train(runOf({ steps: 200 }, 1e4));
    expect(diverged.seen[0]!.state.status).toBe('diverged');

    const abort = new AbortController();
    abort.abort();
    const cancelled = await train(runOf({ steps: 200 }), { signal: abort.signal });
    expect(cancelled.seen[0]!.state).toEqual({ step: 0, status: 'cancelled' });
  });

  it('a hook that throws ends the run as failed, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const result = await trainRun(runOf({ steps: 5 }), {
      onEnd: () => {
        throw new Error('no room for the matrix');
      },
    });
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('at the end of the run: no room for the matrix');
    expect(tf.memory().numTensors).toBe(before);
  });
});
