/**
 * The one training loop, trainRun: tensor hygiene over long runs, determinism,
 * batched delivery of records and their cadence, early stops (target,
 * divergence, cancellation), frozen layers, and exact agreement with float64
 * reference recursions on a linear model (GD, heavy ball, Nesterov, SGD).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { validateExperiment, expandExperiment, formatProblems, type RunSpec } from '../../../core/spec/index.js';
import { loadDataset } from '../../../core/data/index.js';
import { architecture, paramSlots } from '../../../core/nn/architecture.js';
import { initialWeights } from '../../../core/nn/init.js';
import { outputCount } from '../../../core/loss/losses.js';
import { trainRun, type TrainOptions } from '../../../core/run/train.js';
import { Objective } from '../../../core/run/objective.js';
import { Minibatches } from '../../../core/run/minibatches.js';
import type { MetricRecord, RunProgress, RunResult } from '../../../core/run/types.js';

beforeAll(async () => {
  await initEngine();
});

afterEach(() => {
  vi.restoreAllMocks();
});

// ------------------------------------------------------------------ helpers

type Json = Record<string, unknown>;

/** A small experiment: 16 points in R^4 on the sphere, a linear teacher, one hidden layer of 8. */
function experiment(over: { data?: Json; model?: Json; loss?: Json; train?: Json; optimizers?: Json[]; metrics?: string[]; seed?: number; seeds?: number } = {}): Json {
  return {
    version: 1,
    name: 'train-loop test',
    seed: over.seed ?? 11,
    data: { kind: 'gaussian', n: 16, d: 4, normalize: 'sphere', target: { kind: 'linear' }, ...over.data },
    model: { hidden: [8], activation: 'relu', ...over.model },
    loss: { kind: 'mse', reduction: 'sum', ...over.loss },
    train: { steps: 50, record: { every: 1 }, ...over.train },
    optimizers: over.optimizers ?? [{ kind: 'gd', lr: 0.05 }],
    metrics: over.metrics ?? ['loss', 'grad_norm'],
    ...(over.seeds !== undefined ? { seeds: over.seeds } : {}),
  };
}

/** Validate and expand, failing loudly on a bad test spec. */
function runsOf(input: Json): RunSpec[] {
  const v = validateExperiment(input);
  if (!v.ok) throw new Error(`bad test experiment:\n${formatProblems(v.problems)}`);
  return expandExperiment(v.value);
}

function runOf(input: Json): RunSpec {
  const runs = runsOf(input);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

interface Collected {
  result: RunResult;
  records: MetricRecord[];
  batches: number;
  progress: RunProgress[];
}

/** Run with every record and progress report kept; checks no tensor outlives the run. */
async function collect(run: RunSpec, opts: TrainOptions = {}): Promise<Collected> {
  const records: MetricRecord[] = [];
  const progress: RunProgress[] = [];
  let batches = 0;
  const before = tf.memory().numTensors;
  const result = await trainRun(run, {
    ...opts,
    onRecords: (r) => {
      batches++;
      records.push(...r);
      opts.onRecords?.(r);
    },
    onProgress: (p) => {
      progress.push(p);
      opts.onProgress?.(p);
    },
  });
  expect(tf.memory().numTensors, 'tensors alive after the run').toBe(before);
  return { result, records, batches, progress };
}

/** Records without the wall-clock column, for bit-for-bit comparison. */
function withoutTime(records: readonly MetricRecord[]): Record<string, number>[] {
  return records.map(({ time_ms: _t, ...rest }) => rest);
}

/** Exact equality of numbers including NaN and the sign of zero (float64 bits). */
function sameBits(a: number, b: number): boolean {
  return Object.is(a, b);
}

function expectIdentical(a: readonly MetricRecord[], b: readonly MetricRecord[]): void {
  const sa = withoutTime(a);
  const sb = withoutTime(b);
  expect(sa.length).toBe(sb.length);
  sa.forEach((r, i) => {
    const other = sb[i]!;
    expect(Object.keys(r).sort()).toEqual(Object.keys(other).sort());
    for (const [k, v] of Object.entries(r)) {
      if (!sameBits(v, other[k]!)) throw new Error(`record ${i} (step ${r.step}) differs in ${k}: ${v} vs ${other[k]}`);
    }
  });
}

const steps = (records: readonly MetricRecord[]): number[] => records.map((r) => r.step);

// ------------------------------------------------------------------ tensor hygiene

describe('trainRun leaks no tensors', () => {
  // Logistic loss on +-1 labels with a held-out split, so every cheap metric is valid.
  const allMetrics = ['loss', 'grad_norm', 'dist_init', 'rel_dist_init', 'pl_ratio', 'accuracy', 'test_loss'];
  const cases: { name: string; opt: Json; batch?: number }[] = [
    { name: 'gd', opt: { kind: 'gd', lr: 0.05 } },
    { name: 'heavy-ball', opt: { kind: 'heavy-ball', lr: 0.02, momentum: 0.9 } },
    { name: 'nesterov', opt: { kind: 'nesterov', lr: 0.02 } },
    { name: 'adam', opt: { kind: 'adam', lr: 0.01 } },
    { name: 'sgd minibatches', opt: { kind: 'sgd', lr: 0.02 }, batch: 4 },
  ];

  for (const c of cases) {
    it(`${c.name}: the tensor count is flat over 10,000 steps and back to the start after the run`, async () => {
      const spec = (steps: number): RunSpec =>
        runOf(
          experiment({
            data: { target: { kind: 'linear-sign' }, test: 4 },
            loss: { kind: 'logistic' },
            train: { steps, batch: c.batch ?? 'full', record: { every: 50 } },
            optimizers: [c.opt],
            metrics: allMetrics,
          }),
        );
      // In-run counts, sampled at every progress report between steps (the
      // final report comes after the iterate is released, so it is left out).
      const counts = async (n: number): Promise<{ inRun: number[]; result: RunResult; records: MetricRecord[] }> => {
        const inRun: number[] = [];
        const { result, records } = await collect(spec(n), {
          batchMs: 5,
          onProgress: (p) => {
            if (p.step < n) inRun.push(tf.memory().numTensors);
          },
        });
        return { inRun, result, records };
      };
      const warm = await counts(300);
      const long = await counts(10_000);
      for (const r of [warm, long]) {
        expect(r.result.status, r.result.reason ?? '').toBe('finished');
        expect(r.inRun.length).toBeGreaterThan(2);
      }
      expect(long.result.steps).toBe(10_000);
      // Every metric was really computed (and finite) at the last step.
      const last = long.records[long.records.length - 1]!;
      expect(last.step).toBe(10_000);
      for (const m of ['loss', 'grad_norm', 'dist_init', 'rel_dist_init', 'pl_ratio', 'accuracy', 'test_loss', 'test_accuracy']) {
        expect(Number.isFinite(last[m]), `${m} at the last step`).toBe(true);
      }
      // Adam's moments exist from its first step on; after that nothing grows.
      const steady = warm.inRun[warm.inRun.length - 1]!;
      expect(new Set(warm.inRun)).toEqual(new Set([steady]));
      expect(new Set(long.inRun)).toEqual(new Set([steady]));
    });
  }

  it('rmsprop, adagrad, adamw and per-metric cadences with ntk and act_flip also return every tensor', async () => {
    for (const opt of [
      { kind: 'rmsprop', lr: 0.005, momentum: 0.5 },
      { kind: 'adagrad', lr: 0.05 },
      { kind: 'adamw', lr: 0.01 },
    ]) {
      const { result } = await collect(
        runOf(
          experiment({
            train: { steps: 400, record: { every: 7, ntk: 50, act_flip: 13 } },
            optimizers: [opt],
            metrics: ['loss', 'grad_norm', 'dist_init', 'ntk', 'act_flip', 'dir_cos'],
          }),
        ),
        { batchMs: 5 },
      );
      expect(result.status, `${opt.kind}: ${result.reason}`).toBe('finished');
    }
  });
});

// ------------------------------------------------------------------ determinism

describe('trainRun is deterministic', () => {
  const metrics = ['loss', 'grad_norm', 'dist_init', 'rel_dist_init', 'pl_ratio', 'ntk', 'act_flip', 'dir_cos'];
  for (const [name, opt, batch] of [
    ['heavy-ball', { kind: 'heavy-ball', lr: 0.02, momentum: 0.9 }, 'full'],
    ['nesterov', { kind: 'nesterov', lr: 0.02 }, 'full'],
    ['sgd minibatches', { kind: 'sgd', lr: 0.02 }, 5],
  ] as const) {
    it(`${name}: the same spec and seed give bit-identical records; another seed does not`, async () => {
      const spec = (seed: number): RunSpec => runOf(experiment({ seed, train: { steps: 60, batch }, optimizers: [opt], metrics }));
      const a = await collect(spec(5));
      const b = await collect(spec(5));
      const c = await collect(spec(6));
      expect(a.records).toHaveLength(61);
      expectIdentical(a.records, b.records);
      expect(a.result.finalLoss).toBe(b.result.finalLoss);
      expect(a.result.rate).toEqual(b.result.rate);
      // Another seed: other data and weights, so other values from step 0 on.
      expect(c.records).toHaveLength(61);
      expect(c.records[0]!.loss).not.toBe(a.records[0]!.loss);
      expect(c.records[60]!.loss).not.toBe(a.records[60]!.loss);
      expect(c.records[60]!.dist_init).not.toBe(a.records[60]!.dist_init);
    });
  }

  it('seed replicates of one experiment are seed, seed + 1, ... and match single-seed runs', async () => {
    const runs = runsOf(experiment({ seed: 5, seeds: 2, train: { steps: 20 } }));
    expect(runs.map((r) => r.seed)).toEqual([5, 6]);
    const second = await collect(runs[1]!);
    const alone = await collect(runOf(experiment({ seed: 6, train: { steps: 20 } })));
    expectIdentical(second.records, alone.records);
  });
});

// ------------------------------------------------------------------ delivery and cadence

describe('records arrive in batches, in order, at their cadence', () => {
  it('a long batch interval delivers everything in few calls, identical to per-step delivery', async () => {
    const run = runOf(experiment({ train: { steps: 200, record: { every: 1 } } }));
    const batched = await collect(run, { batchMs: 1e9 });
    expect(batched.records).toHaveLength(201);
    expect(batched.batches).toBeLessThan(batched.records.length);
    expect(batched.batches).toBe(1); // nothing is flushed before the end with an interval this long
    expect(steps(batched.records)).toEqual(Array.from({ length: 201 }, (_, i) => i));

    const eager = await collect(run, { batchMs: 0 });
    expect(eager.batches).toBeGreaterThan(100); // a flush after every step
    expectIdentical(eager.records, batched.records);
    // Progress is reported at every flush, with the run's size, ending at the last step.
    expect(eager.progress.length).toBeGreaterThan(100);
    expect(eager.progress.every((p) => p.totalSteps === 200)).toBe(true);
    const lastProgress = eager.progress[eager.progress.length - 1]!;
    expect(lastProgress.step).toBe(200);
    expect(lastProgress.loss).toBe(batched.records[200]!.loss);
    for (let i = 1; i < eager.progress.length; i++) expect(eager.progress[i]!.step).toBeGreaterThanOrEqual(eager.progress[i - 1]!.step);
  });

  it('record.every: step 0, every k-th step and the last step', async () => {
    const { records, result } = await collect(runOf(experiment({ train: { steps: 23, record: { every: 5 } } })), { batchMs: 0 });
    expect(result.steps).toBe(23);
    expect(steps(records)).toEqual([0, 5, 10, 15, 20, 23]);
    for (const r of records) {
      expect(r.loss).toBeTypeOf('number');
      expect(r.grad_norm).toBeTypeOf('number');
      expect(r.time_ms).toBeGreaterThanOrEqual(0);
    }
    for (let i = 1; i < records.length; i++) expect(records[i]!.time_ms).toBeGreaterThanOrEqual(records[i - 1]!.time_ms);
  });

  it('a metric with its own cadence is absent between its steps', async () => {
    const { records } = await collect(
      runOf(experiment({ train: { steps: 23, record: { every: 5, grad_norm: 10 } }, metrics: ['loss', 'grad_norm', 'dist_init'] })),
    );
    expect(steps(records)).toEqual([0, 5, 10, 15, 20, 23]);
    const has = (col: string): number[] => records.filter((r) => col in r).map((r) => r.step);
    expect(has('loss')).toEqual([0, 5, 10, 15, 20, 23]);
    expect(has('dist_init')).toEqual([0, 5, 10, 15, 20, 23]);
    expect(has('grad_norm')).toEqual([0, 10, 20, 23]);

    // A faster metric than `every`: it is recorded on its own at the steps in between.
    const fast = await collect(
      runOf(experiment({ train: { steps: 20, record: { every: 10, grad_norm: 4 } }, metrics: ['loss', 'grad_norm'] })),
    );
    expect(steps(fast.records)).toEqual([0, 4, 8, 10, 12, 16, 20]);
    const at = (s: number): MetricRecord => fast.records.find((r) => r.step === s)!;
    expect(Object.keys(at(4)).sort()).toEqual(['grad_norm', 'step', 'time_ms']);
    expect(Object.keys(at(10)).sort()).toEqual(['loss', 'step', 'time_ms']);
    expect(Object.keys(at(20)).sort()).toEqual(['grad_norm', 'loss', 'step', 'time_ms']);
  });

  it('the cadence does not change the trajectory', async () => {
    const dense = await collect(runOf(experiment({ optimizers: [{ kind: 'nesterov', lr: 0.02 }], train: { steps: 30 } })));
    const sparse = await collect(
      runOf(experiment({ optimizers: [{ kind: 'nesterov', lr: 0.02 }], train: { steps: 30, record: { every: 6 } } })),
    );
    expectIdentical(
      sparse.records,
      dense.records.filter((r) => r.step % 6 === 0 || r.step === 30),
    );
  });
});

// ------------------------------------------------------------------ early stops

describe('targetLoss', () => {
  it('stops at the first step whose loss is at or below the target, even between recorded steps', async () => {
    const base = { optimizers: [{ kind: 'heavy-ball', lr: 0.02, momentum: 0.5 }] };
    const full = await collect(runOf(experiment({ ...base, train: { steps: 80 } })));
    const losses = full.records.map((r) => r.loss!);
    // A target crossed at a step that record.every = 10 would not record.
    const target = losses[37]!;
    const first = losses.findIndex((l) => l <= target);
    expect(first).toBeGreaterThan(0);
    expect(first % 10).not.toBe(0);

    const { result, records } = await collect(runOf(experiment({ ...base, train: { steps: 80, targetLoss: target, record: { every: 10 } } })));
    expect(result.status).toBe('finished');
    expect(result.reason).toBeNull();
    expect(result.stepsToTarget).toBe(first);
    expect(result.steps).toBe(first);
    expect(result.finalLoss).toBe(losses[first]);
    expect(steps(records)).toEqual([...[0, 10, 20, 30, 40, 50, 60, 70].filter((s) => s < first), first]);
    // Every metric is recorded at the stopping step.
    expect(records[records.length - 1]!.grad_norm).toBe(full.records[first]!.grad_norm);
  });

  it('a target met at step 0 stops at once; an unreachable one runs to the end', async () => {
    const at0 = await collect(runOf(experiment({ train: { steps: 50, targetLoss: 1e6 } })));
    expect(at0.result).toMatchObject({ status: 'finished', steps: 0, stepsToTarget: 0 });
    expect(steps(at0.records)).toEqual([0]);

    const never = await collect(runOf(experiment({ train: { steps: 50, targetLoss: 0 } })));
    expect(never.result).toMatchObject({ status: 'finished', steps: 50, stepsToTarget: null });
    expect(never.records[never.records.length - 1]!.step).toBe(50);
  });

  it('Nesterov and SGD stop at the first recorded step at or below the target', async () => {
    for (const [opt, batch] of [
      [{ kind: 'nesterov', lr: 0.02 }, 'full'],
      [{ kind: 'sgd', lr: 0.02 }, 4],
    ] as const) {
      const full = await collect(runOf(experiment({ optimizers: [opt], train: { steps: 60, batch } })));
      const losses = full.records.map((r) => r.loss!);
      const target = Math.min(...losses.slice(0, 41));
      const first = losses.findIndex((l) => l <= target);
      const { result, records } = await collect(runOf(experiment({ optimizers: [opt], train: { steps: 60, batch, targetLoss: target } })));
      expect(result).toMatchObject({ status: 'finished', stepsToTarget: first, steps: first, finalLoss: losses[first] });
      expect(records[records.length - 1]!.step).toBe(first);
    }
  });
});

describe('divergence is a result, never an exception', () => {
  for (const [name, opt, batch] of [
    ['gd', { kind: 'gd', lr: 1e6 }, 'full'],
    ['heavy-ball', { kind: 'heavy-ball', lr: 1e6 }, 'full'],
    ['nesterov', { kind: 'nesterov', lr: 1e6, momentum: 0.9 }, 'full'],
    ['sgd', { kind: 'sgd', lr: 1e6 }, 4],
    ['adam', { kind: 'adam', lr: 1e30 }, 'full'],
  ] as const) {
    it(`${name} with a huge learning rate: status diverged, with a reason`, async () => {
      const { result, records } = await collect(runOf(experiment({ optimizers: [opt], train: { steps: 500, batch } })));
      expect(result.status).toBe('diverged');
      expect(result.reason).toMatch(/NaN|infinite/);
      expect(result.reason).toMatch(/step \d+/);
      expect(result.steps).toBeLessThan(500);
      expect(result.stepsToTarget).toBeNull();
      expect(records.length).toBeGreaterThan(0);
      expect(records[records.length - 1]!.step).toBeLessThanOrEqual(result.steps);
    });
  }

  it('a blow-up between recorded steps stops the run there, not at the next record', async () => {
    for (const [opt, batch] of [
      [{ kind: 'gd', lr: 1e6 }, 'full'],
      [{ kind: 'nesterov', lr: 1e6, momentum: 0.9 }, 'full'],
      [{ kind: 'sgd', lr: 1e6 }, 4],
    ] as const) {
      const { result, records } = await collect(runOf(experiment({ optimizers: [opt], train: { steps: 5000, batch, record: { every: 1000 } } })));
      expect(result.status, opt.kind).toBe('diverged');
      expect(result.steps, `${opt.kind}: ${result.reason}`).toBeLessThan(200);
      expect(records[0]!.step).toBe(0);
      expect(records[records.length - 1]!.step).toBeLessThanOrEqual(result.steps);
    }
  });

  it('maxLoss: a finite loss above it diverges, at the first step it is exceeded', async () => {
    // lr above 2 / lambda_max: the loss grows geometrically, through finite values first.
    const base = { model: { hidden: [] }, optimizers: [{ kind: 'gd', lr: 0.6 }] };
    const free = await collect(runOf(experiment({ ...base, train: { steps: 60 } })));
    const losses = free.records.map((r) => r.loss!);
    const maxLoss = 10 * losses[0]!;
    const first = losses.findIndex((l) => l > maxLoss);
    expect(first).toBeGreaterThan(0);
    expect(Number.isFinite(losses[first]!)).toBe(true);

    const { result, records } = await collect(runOf(experiment({ ...base, train: { steps: 60, maxLoss, record: { every: 25 } } })));
    expect(result.status).toBe('diverged');
    expect(result.reason).toMatch(/exceeded maxLoss/);
    expect(result.reason).toContain(`step ${first}`);
    expect(result.steps).toBe(first);
    expect(result.finalLoss).toBe(losses[first]);
    expect(Number.isFinite(result.finalLoss!)).toBe(true);
    expect(steps(records)).toEqual([...[0, 25, 50].filter((s) => s < first), first]);
  });

});

describe('cancellation', () => {
  it('an abort from onProgress stops promptly with status cancelled; every earlier record was delivered', async () => {
    const abort = new AbortController();
    let abortedAt = -1;
    const { result, records } = await collect(runOf(experiment({ train: { steps: 1_000_000 } })), {
      batchMs: 0,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.step >= 40 && !abort.signal.aborted) {
          abortedAt = p.step;
          abort.abort();
        }
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.reason).toMatch(/cancel/);
    expect(abortedAt).toBeGreaterThanOrEqual(40);
    // The loop sees the signal before its next step.
    expect(result.steps).toBeLessThanOrEqual(abortedAt + 1);
    expect(result.steps).toBeGreaterThanOrEqual(abortedAt);
    expect(steps(records)).toEqual(Array.from({ length: result.steps }, (_, i) => i));
    expect(result.finalLoss).toBe(records[records.length - 1]!.loss);
  });

  it('an abort from onRecords, with a slower batch interval, also stops within a batch', async () => {
    const abort = new AbortController();
    let delivered = 0;
    const start = performance.now();
    const { result, records } = await collect(runOf(experiment({ train: { steps: 1_000_000, record: { every: 3 } } })), {
      batchMs: 20,
      signal: abort.signal,
      onRecords: (batch) => {
        delivered += batch.length;
        if (delivered >= 5) abort.abort();
      },
    });
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(result.status).toBe('cancelled');
    expect(records.length).toBe(delivered);
    expect(records.length).toBeGreaterThanOrEqual(5);
    expect(records.every((r, i) => r.step === 3 * i)).toBe(true);
    expect(result.steps).toBeLessThan(1_000_000);
    expect(records[records.length - 1]!.step).toBeLessThanOrEqual(result.steps);
  });

  it('an already aborted signal runs no step', async () => {
    const abort = new AbortController();
    abort.abort();
    const { result, records } = await collect(runOf(experiment()), { signal: abort.signal });
    expect(result).toMatchObject({ status: 'cancelled', steps: 0, finalLoss: null });
    expect(records).toEqual([]);
  });
});

// ------------------------------------------------------------------ frozen layers

describe('frozen layers never move', () => {
  /**
   * Watch every parameter list the loop evaluates (the full list, frozen
   * tensors included) through the Objective, without a production hook.
   */
  function watchParams(): Float32Array[][] {
    const seen: Float32Array[][] = [];
    const original = Objective.prototype.evaluate;
    vi.spyOn(Objective.prototype, 'evaluate').mockImplementation(function (this: Objective, params, x, y, scale) {
      seen.push(params.map((p) => (p.dataSync() as Float32Array).slice()));
      return original.call(this, params, x, y, scale);
    });
    return seen;
  }

  const equalArrays = (a: Float32Array, b: Float32Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

  for (const [trainable, hidden, moving] of [
    ['hidden', [8], [true, false]],
    ['output', [8], [false, true]],
    [[1], [6, 5], [false, true, false]],
    [[0, 2], [6, 5], [true, false, true]],
  ] as const) {
    for (const [name, opt, batch] of [
      ['heavy-ball', { kind: 'heavy-ball', lr: 0.02, momentum: 0.9 }, 'full'],
      ['nesterov', { kind: 'nesterov', lr: 0.02 }, 'full'],
      ['sgd', { kind: 'sgd', lr: 0.02 }, 4],
      ['adam', { kind: 'adam', lr: 0.01 }, 'full'],
    ] as const) {
      it(`trainable ${JSON.stringify(trainable)} with ${name}: frozen weights and biases stay at their initial values`, async () => {
        const run = runOf(
          experiment({
            model: { hidden, bias: true, trainable, init: { kind: 'normal', scale: 0.7 } },
            optimizers: [opt],
            train: { steps: 25, batch },
            metrics: ['loss', 'dist_init'],
          }),
        );
        const data = loadDataset(run.data, run.seed, { baseDir: process.cwd(), loss: run.loss.kind });
        const arch = architecture(run.model, data.d, outputCount(run.loss, data.classes));
        const slots = paramSlots(arch);
        const init = initialWeights(arch, run.model.init, run.seed);
        const seen = watchParams();
        const { result, records } = await collect(run, { dataset: data });
        expect(result.status).toBe('finished');
        expect(seen.length).toBeGreaterThanOrEqual(25);
        const last = seen[seen.length - 1]!;
        slots.forEach((slot, i) => {
          if (moving[slot.layer]) {
            // Biases start at 0 and weights at a draw: both must have moved by the end.
            expect(equalArrays(last[i]!, init[i]!), `layer ${slot.layer} ${slot.role} moved`).toBe(false);
          } else {
            for (const params of seen) expect(equalArrays(params[i]!, init[i]!), `layer ${slot.layer} ${slot.role} frozen`).toBe(true);
          }
        });
        // dist_init counts the moving layers only, and they did move.
        const end = records[records.length - 1]!;
        expect(end.dist_init).toBeGreaterThan(0);
        moving.forEach((m, l) => {
          if (!m) expect(end[`dist_init_l${l}`]).toBe(0);
          else expect(end[`dist_init_l${l}`]).toBeGreaterThan(0);
        });
      });
    }
  }

  it("freezing the output layer changes the trajectory ('hidden' differs from 'all')", async () => {
    const spec = (trainable: string): RunSpec => runOf(experiment({ model: { trainable }, train: { steps: 20 }, metrics: ['loss', 'dist_init'] }));
    const all = await collect(spec('all'));
    const hiddenOnly = await collect(spec('hidden'));
    expect(hiddenOnly.records[0]!.loss).toBe(all.records[0]!.loss);
    expect(hiddenOnly.records[20]!.loss).not.toBe(all.records[20]!.loss);
    expect(hiddenOnly.records[20]!.dist_init_l1).toBe(0);
    expect(all.records[20]!.dist_init_l1).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------ float64 references on a linear model

describe('a linear model follows the closed-form recursions', () => {
  /**
   * f(x) = x . theta (hidden: [], no bias, standard parameterization), mse:
   *   sum:  L = 1/2 |X theta - y|^2,        grad = X^T (X theta - y)
   *   mean: L = 1/(2n) |X theta - y|^2,     grad = X^T (X theta - y) / n
   * Inputs on the unit sphere, so lambda_max(X^T X) <= trace = n = 16 and
   * lr = 0.05 < 2/16 is stable.
   */
  const n = 16;
  const d = 4;

  interface Problem {
    run: RunSpec;
    X: Float64Array;
    y: Float64Array;
    theta0: Float64Array;
  }

  function problem(over: NonNullable<Parameters<typeof experiment>[0]>): Problem {
    const run = runOf(experiment({ ...over, model: { hidden: [], bias: false, parameterization: 'standard', ...over.model } }));
    const data = loadDataset(run.data, run.seed, { baseDir: process.cwd(), loss: run.loss.kind });
    expect(data.train.n).toBe(n);
    expect(data.d).toBe(d);
    const arch = architecture(run.model, data.d, 1);
    const [w0] = initialWeights(arch, run.model.init, run.seed);
    return { run, X: Float64Array.from(data.train.x), y: Float64Array.from(data.train.y), theta0: Float64Array.from(w0!) };
  }

  /** Residual X_B theta - y_B over the rows (all rows when omitted). */
  function residual(p: Problem, theta: Float64Array, rows?: ArrayLike<number>): Float64Array {
    const idx = rows ?? Array.from({ length: n }, (_, i) => i);
    const r = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      let s = -p.y[i]!;
      for (let j = 0; j < d; j++) s += p.X[i * d + j]! * theta[j]!;
      r[k] = s;
    }
    return r;
  }

  /** X_B^T r. */
  function xtr(p: Problem, r: Float64Array, rows?: ArrayLike<number>): Float64Array {
    const idx = rows ?? Array.from({ length: n }, (_, i) => i);
    const g = new Float64Array(d);
    for (let k = 0; k < idx.length; k++) for (let j = 0; j < d; j++) g[j] = g[j]! + p.X[idx[k]! * d + j]! * r[k]!;
    return g;
  }

  const sq = (v: Float64Array): number => v.reduce((s, x) => s + x * x, 0);
  const lossOf = (p: Problem, theta: Float64Array, mean = false): number => (0.5 * sq(residual(p, theta))) / (mean ? n : 1);
  const gradOf = (p: Problem, theta: Float64Array, mean = false): Float64Array => xtr(p, residual(p, theta)).map((g) => (mean ? g / n : g));
  const axpy = (a: number, x: Float64Array, y: Float64Array): Float64Array => y.map((v, i) => v + a * x[i]!);
  const sub = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, i) => v - b[i]!);

  /**
   * Float32 tolerance: every tensor op rounds to float32 (u = 6e-8) and sums
   * over at most n = 16 terms of size O(1), so one step perturbs theta by a
   * few 1e-7 relative; over 20 contracting steps that stays below ~1e-5 of
   * the initial loss scale. Perturbing the recursion itself (a 1% different
   * lr, a gradient at the wrong point) moves the losses by 1e-3 or more of
   * that scale, which each test checks is far outside this tolerance.
   */
  function expectClose(got: readonly number[], want: readonly number[], scale: number, label: string): void {
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      const tol = 2e-5 * scale + 1e-5 * Math.abs(want[i]!);
      if (!(Math.abs(g - want[i]!) <= tol)) throw new Error(`${label}: step ${i}: ${g} vs reference ${want[i]} (tol ${tol})`);
    });
  }

  function expectFar(got: readonly number[], want: readonly number[], scale: number): void {
    const worst = Math.max(...got.map((g, i) => Math.abs(g - want[i]!)));
    expect(worst).toBeGreaterThan(1e-3 * scale);
  }

  /** Gradient descent reference: losses, gradient norms and distances at x_t, t = 0..T. */
  function gdReference(p: Problem, lrAt: (t: number) => number, T: number, mean = false) {
    let theta: Float64Array = p.theta0.slice();
    const out = { loss: [] as number[], gradNorm: [] as number[], dist: [] as number[] };
    for (let t = 0; t <= T; t++) {
      const g = gradOf(p, theta, mean);
      out.loss.push(lossOf(p, theta, mean));
      out.gradNorm.push(Math.sqrt(sq(g)));
      out.dist.push(Math.sqrt(sq(sub(theta, p.theta0))));
      theta = axpy(-lrAt(t), g, theta);
    }
    return out;
  }

  it('GD from zero: theta_{t+1} = theta_t - lr X^T (X theta_t - y), loss, grad_norm and dist_init', async () => {
    const T = 20;
    const p = problem({ model: { init: { kind: 'zero' } }, optimizers: [{ kind: 'gd', lr: 0.05 }], train: { steps: T }, metrics: ['loss', 'grad_norm', 'dist_init', 'pl_ratio'] });
    expect(p.theta0.every((v) => v === 0)).toBe(true);
    const ref = gdReference(p, () => 0.05, T);
    const { records, result } = await collect(p.run);
    expect(result.status).toBe('finished');
    const L0 = ref.loss[0]!;
    expect(ref.loss[T]!).toBeLessThan(0.5 * L0); // the run does go somewhere
    expectClose(records.map((r) => r.loss!), ref.loss, L0, 'loss');
    expectClose(records.map((r) => r.grad_norm!), ref.gradNorm, ref.gradNorm[0]!, 'grad_norm');
    expectClose(records.map((r) => r.dist_init!), ref.dist, ref.dist[T]!, 'dist_init');
    records.forEach((r, t) => expect(r.pl_ratio!).toBeCloseTo(ref.gradNorm[t]! ** 2 / ref.loss[t]!, 3));
    // The tolerance separates this recursion from a slightly different one.
    expectFar(records.map((r) => r.loss!), gdReference(p, () => 0.0505, T).loss, L0);
  });

  it('GD from a random init with mean reduction and a step schedule', async () => {
    const T = 20;
    const schedule = { kind: 'step', initial: 0.8, gamma: 0.5, every: 7 };
    const lrAt = (t: number): number => 0.8 * 0.5 ** Math.floor(t / 7);
    const p = problem({
      model: { init: { kind: 'normal', scale: 0.5 } },
      loss: { reduction: 'mean' },
      optimizers: [{ kind: 'gd', lr: schedule }],
      train: { steps: T },
      metrics: ['loss', 'grad_norm', 'dist_init'],
    });
    expect(p.theta0.some((v) => v !== 0)).toBe(true);
    const ref = gdReference(p, lrAt, T, true);
    const { records } = await collect(p.run);
    const L0 = ref.loss[0]!;
    expectClose(records.map((r) => r.loss!), ref.loss, L0, 'loss');
    expectClose(records.map((r) => r.dist_init!), ref.dist, ref.dist[T]!, 'dist_init');
    expectFar(records.map((r) => r.loss!), gdReference(p, () => 0.8, T, true).loss, L0);
  });

  it('heavy ball: x_{t+1} = x_t - lr g(x_t) + beta (x_t - x_{t-1})', async () => {
    const T = 20;
    const [lr, beta] = [0.03, 0.7];
    const p = problem({ model: { init: { kind: 'normal', scale: 0.5 } }, optimizers: [{ kind: 'heavy-ball', lr, momentum: beta }], train: { steps: T } });
    const reference = (b: number): number[] => {
      let x: Float64Array = p.theta0.slice();
      let prev: Float64Array = x.slice();
      const out: number[] = [];
      for (let t = 0; t <= T; t++) {
        out.push(lossOf(p, x));
        const next = axpy(b, sub(x, prev), axpy(-lr, gradOf(p, x), x));
        prev = x;
        x = next;
      }
      return out;
    };
    const ref = reference(beta);
    const { records } = await collect(p.run);
    expectClose(records.map((r) => r.loss!), ref, ref[0]!, 'loss');
    expectFar(records.map((r) => r.loss!), reference(0.69), ref[0]!);
  });

  it('Nesterov with beta_t = (t-1)/(t+2): the gradient at y_t, the loss recorded at x_t', async () => {
    const T = 20;
    const lr = 0.05;
    const p = problem({ model: { init: { kind: 'normal', scale: 0.5 } }, optimizers: [{ kind: 'nesterov', lr }], train: { steps: T }, metrics: ['loss', 'grad_norm'] });
    const reference = (lossAtY: boolean) => {
      let x: Float64Array = p.theta0.slice();
      let prev: Float64Array = x.slice();
      const loss: number[] = [];
      const gradNorm: number[] = [];
      for (let t = 0; t <= T; t++) {
        const beta = t === 0 ? 0 : (t - 1) / (t + 2);
        const y = axpy(beta, sub(x, prev), x);
        loss.push(lossOf(p, lossAtY ? y : x));
        gradNorm.push(Math.sqrt(sq(gradOf(p, x))));
        prev = x;
        x = axpy(-lr, gradOf(p, y), y);
      }
      return { loss, gradNorm };
    };
    const ref = reference(false);
    const { records } = await collect(p.run);
    expectClose(records.map((r) => r.loss!), ref.loss, ref.loss[0]!, 'loss');
    expectClose(records.map((r) => r.grad_norm!), ref.gradNorm, ref.gradNorm[0]!, 'grad_norm');
    // Recording at y_t instead of x_t would be caught.
    expectFar(records.map((r) => r.loss!), reference(true).loss, ref.loss[0]!);
  });

  it('SGD with batch = n is exactly GD', async () => {
    const spec = (opt: Json, batch: number | 'full'): RunSpec =>
      runOf(experiment({ optimizers: [opt], train: { steps: 40, batch }, metrics: ['loss', 'grad_norm', 'dist_init'] }));
    const gd = await collect(spec({ kind: 'gd', lr: 0.05 }, 'full'));
    const sgdFull = await collect(spec({ kind: 'sgd', lr: 0.05 }, n));
    expectIdentical(sgdFull.records, gd.records);
    const sgdSmall = await collect(spec({ kind: 'sgd', lr: 0.05 }, 4));
    const again = await collect(spec({ kind: 'sgd', lr: 0.05 }, 4));
    expect(sgdSmall.records[0]!.loss).toBe(gd.records[0]!.loss); // same start
    expect(sgdSmall.records[40]!.loss).not.toBe(gd.records[40]!.loss);
    expectIdentical(again.records, sgdSmall.records);
  });

  for (const reduction of ['sum', 'mean'] as const) {
    it(`SGD minibatches (${reduction}): seeded reshuffles per epoch, the gradient scaled to estimate the full loss`, async () => {
      const T = 24;
      const b = 5; // 16 = 3 * 5 + 1: one row waits for the next shuffle each epoch
      const lr = reduction === 'sum' ? 0.02 : 0.3;
      const p = problem({
        model: { init: { kind: 'normal', scale: 0.5 } },
        loss: { reduction },
        optimizers: [{ kind: 'sgd', lr }],
        train: { steps: T, batch: b },
        metrics: ['loss', 'grad_norm'],
      });
      const mean = reduction === 'mean';
      const reference = (scale: number): number[] => {
        const batches = new Minibatches(n, b, p.run.seed);
        let theta: Float64Array = p.theta0.slice();
        const out: number[] = [];
        for (let t = 0; t <= T; t++) {
          out.push(lossOf(p, theta, mean));
          const rows = batches.nextRows();
          const g = xtr(p, residual(p, theta, rows), rows);
          theta = axpy(-lr * scale, g, theta);
        }
        return out;
      };
      // sum: (n / b) X_B^T r_B estimates X^T r;  mean: X_B^T r_B / b estimates X^T r / n.
      const ref = reference(mean ? 1 / b : n / b);
      const { records } = await collect(p.run);
      expectClose(records.map((r) => r.loss!), ref, ref[0]!, 'loss');
      // Unscaled minibatch gradients would be far off.
      expectFar(records.map((r) => r.loss!), reference(mean ? 1 / n : 1), ref[0]!);
      // grad_norm is the full-batch gradient at x_t, not the minibatch one.
      expect(records[0]!.grad_norm!).toBeCloseTo(Math.sqrt(sq(gradOf(p, p.theta0, mean))), 4);
    });
  }
});
