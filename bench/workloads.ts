/**
 * The fixed training workloads of `npm run bench`, and how one is timed.
 *
 * Every workload runs through the real training loop (core/run/train.ts,
 * trainRun) with a RunSpec built from an ordinary experiment: synthetic
 * Gaussian inputs on the unit sphere, a linear teacher, mse (mean), full
 * batch, metrics = loss only.
 *
 * Timing. A step of the loop is: the objective's forward + backward pass, the
 * read of the loss (one dataSync), the optimizer step and the disposals. One
 * run of W*s + K*s + 1 steps records the loss every s steps; each record
 * carries `time_ms`, the loop's wall clock when the record is made, right
 * after that step's evaluation. Between the records at steps js and (j+1)s the
 * loop does exactly s whole steps (optimizer step t, evaluation at t+1, for
 * t = js .. js+s-1), and the `loss` metric reuses the step's own evaluation,
 * so recording costs nothing. That gives W + K batches of s steps; the first
 * W are warm-up (kernel compilation, allocator growth) and are dropped; the
 * reported time is the median over the K batches of (batch time / s). Setup
 * (data, initial weights, uploads) and the final extra evaluation at the last
 * step fall outside every batch. s is chosen per workload so that one batch
 * lasts well over the timer's resolution and over scheduling noise (~50 ms
 * or more); the median over batches drops the batches another process on
 * the machine happened to slow down.
 *
 * FLOPs per step, for layer widths d = s_0, s_1, ..., s_L and n points, with
 * S = sum_l s_l s_{l+1} (the weight count):
 *   forward             2 n S            (h_l W_l for every layer)
 *   weight gradients    2 n S            (h_l^T D_l for every layer)
 *   input gradients     2 n (S - d s_1)  (D_l W_l^T for l >= 1; layer 0's is never formed)
 *   total               2 n (3 S - d s_1)
 * Elementwise work (activations, loss, bias-free scaling, the optimizer) is
 * not counted: it is O(n sum s_l + S), small next to the matMuls here.
 */
import type { RunSpec } from '../core/spec/expand.js';
import { expandExperiment } from '../core/spec/expand.js';
import { validateExperiment } from '../core/spec/validate.js';
import { trainRun } from '../core/run/train.js';
import type { ExperimentInput } from '../core/spec/schema.js';

export interface Workload {
  /** Short name for the table, e.g. `2L-relu GD (256,32,1024)`. */
  name: string;
  kind: 'two-layer' | 'mlp';
  n: number;
  d: number;
  m: number;
  /** Target median ms per step on this machine's WASM backend, when there is one. */
  targetMs?: number;
  /** Steps per timed batch (full run) and in --quick. */
  stepsPerBatch: number;
  quickStepsPerBatch: number;
}

export const WORKLOADS: readonly Workload[] = [
  { name: '2-layer ReLU, GD', kind: 'two-layer', n: 64, d: 16, m: 256, stepsPerBatch: 200, quickStepsPerBatch: 20 },
  { name: '2-layer ReLU, GD', kind: 'two-layer', n: 256, d: 32, m: 1024, targetMs: 7, stepsPerBatch: 25, quickStepsPerBatch: 5 },
  { name: '2-layer ReLU, GD', kind: 'two-layer', n: 1024, d: 64, m: 4096, stepsPerBatch: 2, quickStepsPerBatch: 1 },
  { name: '3-hidden tanh MLP, Adam', kind: 'mlp', n: 64, d: 16, m: 256, stepsPerBatch: 30, quickStepsPerBatch: 3 },
  { name: '3-hidden tanh MLP, Adam', kind: 'mlp', n: 256, d: 32, m: 1024, targetMs: 350, stepsPerBatch: 1, quickStepsPerBatch: 1 },
];

/** Layer widths [d, hidden..., 1] of a workload. */
export function layerSizes(w: Pick<Workload, 'kind' | 'd' | 'm'>): number[] {
  return w.kind === 'two-layer' ? [w.d, w.m, 1] : [w.d, w.m, w.m, w.m, 1];
}

/** FLOPs of one training step: 2 n (3 S - d s_1), see the header. */
export function stepFlops(w: Pick<Workload, 'kind' | 'n' | 'd' | 'm'>): number {
  const s = layerSizes(w);
  let weights = 0;
  for (let l = 0; l + 1 < s.length; l++) weights += s[l]! * s[l + 1]!;
  return 2 * w.n * (3 * weights - s[0]! * s[1]!);
}

/** The experiment of a workload, as a user would write it. */
export function workloadExperiment(w: Workload, steps: number, recordEvery: number): ExperimentInput {
  const twoLayer = w.kind === 'two-layer';
  return {
    version: 1,
    name: `bench ${w.name} (${w.n},${w.d},${w.m})`,
    seed: 1,
    data: { kind: 'gaussian', n: w.n, d: w.d, normalize: 'sphere', target: { kind: 'linear', noise: 0 } },
    model: twoLayer
      ? { hidden: [w.m], activation: 'relu', bias: false, parameterization: 'ntk', init: { kind: 'normal', output: 'sign' } }
      : { hidden: [w.m, w.m, w.m], activation: 'tanh', bias: false, parameterization: 'standard', init: { kind: 'xavier' } },
    loss: { kind: 'mse', reduction: 'mean' },
    train: { steps, batch: 'full', record: { every: recordEvery } },
    optimizers: [twoLayer ? { kind: 'gd', lr: 0.1 } : { kind: 'adam', lr: 1e-4 }],
    metrics: ['loss'],
  };
}

/** The single RunSpec of a workload's experiment. */
export function workloadRun(w: Workload, steps: number, recordEvery: number): RunSpec {
  const v = validateExperiment(workloadExperiment(w, steps, recordEvery));
  if (!v.ok) throw new Error(`bench workload ${w.name}: ${v.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const runs = expandExperiment(v.value);
  if (runs.length !== 1) throw new Error(`bench workload ${w.name}: expected one run, got ${runs.length}`);
  return runs[0]!;
}

export interface TimingPlan {
  /** Steps per batch. */
  s: number;
  /** Warm-up batches (dropped). */
  warmup: number;
  /** Timed batches. */
  batches: number;
}

export interface WorkloadTiming {
  /** Median over the timed batches of ms per step. */
  msPerStep: number;
  /** Fastest and slowest batch, ms per step. */
  minMs: number;
  maxMs: number;
  /** ms per step of every timed batch. */
  perBatch: number[];
  gflops: number;
  /** trainRun's own wall time, setup and final evaluation included. */
  wallMs: number;
  finalLoss: number | null;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 === 1 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}

/** Time a workload through trainRun as described in the header. */
export async function timeWorkload(w: Workload, plan: TimingPlan): Promise<WorkloadTiming> {
  const { s, warmup, batches } = plan;
  const steps = (warmup + batches) * s + 1;
  const times = new Map<number, number>();
  const result = await trainRun(workloadRun(w, steps, s), {
    batchMs: 1e9, // deliver every record at the end: no host work between batches
    onRecords: (recs) => {
      for (const r of recs) times.set(r.step, r.time_ms);
    },
  });
  if (result.status !== 'finished' || result.steps !== steps) {
    throw new Error(`bench workload ${w.name}: run ${result.status} after ${result.steps} of ${steps} steps (${result.reason ?? ''})`);
  }
  const perBatch: number[] = [];
  for (let j = warmup; j < warmup + batches; j++) {
    const a = times.get(j * s);
    const b = times.get((j + 1) * s);
    if (a === undefined || b === undefined) throw new Error(`bench workload ${w.name}: missing record at step ${a === undefined ? j * s : (j + 1) * s}`);
    perBatch.push((b - a) / s);
  }
  const msPerStep = median(perBatch);
  return {
    msPerStep,
    minMs: Math.min(...perBatch),
    maxMs: Math.max(...perBatch),
    perBatch,
    gflops: stepFlops(w) / (msPerStep * 1e6),
    wallMs: result.wallMs,
    finalLoss: result.finalLoss,
  };
}
