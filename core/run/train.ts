/**
 * The one training loop. Every host (CLI, worker process, tests, benchmarks)
 * runs experiments through trainRun.
 *
 * Step t (0-based) of a run with optimizer `opt`:
 *   at = opt.evalPoint(x_t, t)                       (x_t, or y_t for Nesterov)
 *   g  = gradient at `at` on the full batch, or on a minibatch scaled to
 *        estimate the full loss
 *   record metrics at x_t when due (step 0 and the last step always)
 *   stop if the loss at x_t is at or below targetLoss, or diverged
 *   x_{t+1} = opt.step(x_t, g, lr_t, t)
 * Records leave in batches every `batchMs`; the loop yields to the event loop
 * then, so an AbortSignal (or a host message) is seen within one batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunSpec } from '../spec/expand.js';
import { initEngine, type EngineInfo } from '../engine/backend.js';
import { loadDataset } from '../data/load.js';
import type { Dataset } from '../data/dataset.js';
import { architecture, type Architecture } from '../nn/architecture.js';
import { initialWeights } from '../nn/init.js';
import { paramSlots } from '../nn/architecture.js';
import { outputCount } from '../loss/losses.js';
import { createOptimizer } from '../optim/create.js';
import { learningRate } from '../optim/schedule.js';
import { createMetrics } from '../metrics/create.js';
import { isDue, type MetricContext } from '../metrics/metric.js';
import { forward, type ForwardPass } from '../nn/mlp.js';
import { fitRate } from '../fit/rate-fit.js';
import { LAB_VERSION } from '../version.js';
import { Objective, type Evaluation } from './objective.js';
import { Minibatches } from './minibatches.js';
import type { MetricRecord, RunProgress, RunResult } from './types.js';

export interface TrainOptions {
  signal?: AbortSignal;
  /** Receives metric records in batches, about every `batchMs`, and once at the end. */
  onRecords?: (records: MetricRecord[]) => void;
  onProgress?: (progress: RunProgress) => void;
  /** Interval between record batches (default 100 ms). */
  batchMs?: number;
  /** Folder that relative CSV paths resolve against (the experiment file's folder). */
  baseDir?: string;
  /** A dataset already loaded for this run's data spec and seed. */
  dataset?: Dataset;
  /**
   * Called once when the loop ends (any status), before its tensors are
   * disposed: the state is valid only during the call. For hosts that want
   * more than the records, e.g. the NTK Gram at theta_0 and theta_T. A throw
   * ends the run as failed.
   */
  onEnd?: (state: TrainEndState) => void;
}

/** The run as it ended: theta_T next to theta_0, and what evaluates them. */
export interface TrainEndState {
  /** Steps taken: params are x_step. */
  step: number;
  status: RunResult['status'];
  arch: Architecture;
  objective: Objective;
  /** Every parameter tensor at the end (frozen ones are the initial tensors). */
  params: readonly tf.Tensor[];
  initial: readonly tf.Tensor[];
}

export async function trainRun(run: RunSpec, opts: TrainOptions = {}): Promise<RunResult> {
  const engine = await initEngine();
  const data = opts.dataset ?? loadDataset(run.data, run.seed, { baseDir: opts.baseDir ?? process.cwd(), loss: run.loss.kind });
  const arch = architecture(run.model, data.d, outputCount(run.loss, data.classes));
  const slots = paramSlots(arch);
  const initial = initialWeights(arch, run.model.init, run.seed).map((w, i) => tf.tensor(w, slots[i]!.shape));
  const objective = new Objective(arch, run.loss, data);
  const optimizer = createOptimizer(run.optimizer);
  const metrics = createMetrics(run.metrics);
  try {
    return await loop(run, opts, engine, data, objective, initial, optimizer, metrics);
  } finally {
    optimizer.dispose();
    for (const m of metrics) m.dispose?.();
    objective.dispose();
    tf.dispose(initial);
  }
}

type Loop = (
  run: RunSpec,
  opts: TrainOptions,
  engine: EngineInfo,
  data: Dataset,
  objective: Objective,
  initial: tf.Tensor[],
  optimizer: ReturnType<typeof createOptimizer>,
  metrics: ReturnType<typeof createMetrics>,
) => Promise<RunResult>;

const loop: Loop = async (run, opts, engine, data, objective, initial, optimizer, metrics) => {
  const { train } = run;
  const steps = train.steps;
  const batchMs = opts.batchMs ?? 100;
  const nTrain = data.train.n;
  const fullBatch = train.batch === 'full' || train.batch >= nTrain;
  const batches = fullBatch ? null : new Minibatches(nTrain, train.batch as number, run.seed);
  const start = performance.now();
  const pending: MetricRecord[] = [];
  const lossSteps: number[] = [];
  const lossValues: number[] = [];
  let lastFlush = start;
  let status: RunResult['status'] = 'finished';
  let reason: string | null = null;
  let stepsToTarget: number | null = null;

  // x holds the trainable tensors of x_t; `all` is the full list (frozen tensors are the initial ones).
  let x = objective.trainable.map((i) => initial[i]!.clone());
  let all = objective.withTrainable(initial, x);
  let t = 0;

  const flush = async (final: boolean): Promise<void> => {
    if (pending.length > 0) opts.onRecords?.(pending.splice(0));
    const lastLoss = lossValues.length > 0 ? lossValues[lossValues.length - 1]! : null;
    opts.onProgress?.({ step: t, totalSteps: steps, loss: lastLoss, elapsedMs: performance.now() - start });
    lastFlush = performance.now();
    if (!final) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  try {
    for (; ; t++) {
      if (opts.signal?.aborted) {
        status = 'cancelled';
        reason = 'cancelled by the user';
        break;
      }
      const last = t === steps;
      let stepEval: Evaluation | null = null;
      let at: tf.Tensor[] | null = null;
      if (!last) {
        at = optimizer.evalPoint(x, t);
        const point = objective.withTrainable(all, at);
        if (batches) {
          const mb = batches.take(objective.xTrain, objective.yTrain);
          stepEval = objective.evaluate(point, mb.x, mb.y, run.loss.reduction === 'sum' ? nTrain / mb.x.shape[0] : 1);
          tf.dispose([mb.x, mb.y]);
        } else {
          stepEval = objective.evaluate(point, objective.xTrain, objective.yTrain);
        }
      }
      // The step's own evaluation is the full-batch one at x_t for most methods: reuse it.
      const evalAtX = stepEval !== null && !batches && optimizer.evaluatesAtX;
      const stepLoss = stepEval ? stepEval.loss.dataSync()[0]! : null;
      const lossAtX = evalAtX ? stepLoss : null;
      const forced = last || (lossAtX !== null && (reachedTarget(lossAtX, train.targetLoss) || divergedLoss(lossAtX, train.maxLoss) !== null));
      const due = metrics.filter((m) => forced || isDue(train.record, m.name, t, last));

      let stop = false;
      if (due.length > 0) {
        const record = recordAt(t, performance.now() - start, due, {
          step: t,
          arch: objective.arch,
          data,
          objective,
          params: all,
          initial,
          evalAtX: evalAtX ? { loss: lossAtX!, grads: stepEval!.grads } : null,
          optimizer: run.optimizer,
        });
        pending.push(record);
        const loss = record.loss;
        if (loss !== undefined) {
          lossSteps.push(t);
          lossValues.push(loss);
          const why = divergedLoss(loss, train.maxLoss);
          if (why !== null) {
            status = 'diverged';
            reason = `${why} at step ${t}`;
            stop = true;
          } else if (reachedTarget(loss, train.targetLoss)) {
            stepsToTarget = t;
            stop = true;
          }
        }
      }
      if (!stop && stepLoss !== null && !Number.isFinite(stepLoss)) {
        // The gradient point (y_t, or a minibatch) already blew up: x_{t+1} would be NaN.
        status = 'diverged';
        reason = `loss became ${String(stepLoss)} at the gradient point of step ${t}`;
        stop = true;
      }
      if (stop || last) {
        disposeStep(at, x, stepEval);
        break;
      }
      const lr = learningRate(run.optimizer.lr, t, steps);
      const next = optimizer.step(x, stepEval!.grads, lr, t);
      disposeStep(at, x, stepEval);
      tf.dispose(x);
      x = next;
      all = objective.withTrainable(all, x);
      if (performance.now() - lastFlush >= batchMs) await flush(false);
    }
  } catch (err) {
    status = 'failed';
    reason = err instanceof Error ? err.message : String(err);
  }
  try {
    opts.onEnd?.({ step: t, status, arch: objective.arch, objective, params: all, initial });
  } catch (err) {
    status = 'failed';
    reason = `at the end of the run: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    tf.dispose(x);
  }
  await flush(true);
  return {
    status,
    steps: t,
    finalLoss: lossValues.length > 0 ? lossValues[lossValues.length - 1]! : null,
    stepsToTarget,
    rate: fitRate(lossSteps, lossValues, train.targetLoss !== undefined ? { targetLoss: train.targetLoss } : {}),
    wallMs: performance.now() - start,
    reason,
    environment: {
      backend: engine.backend,
      tfjs: engine.tfjs,
      simd: engine.simd,
      node: process.version,
      lab: LAB_VERSION,
      dataSha256: data.source.kind === 'csv' ? data.source.sha256 : null,
    },
  };
};

function disposeStep(at: tf.Tensor[] | null, x: tf.Tensor[], stepEval: Evaluation | null): void {
  if (at) tf.dispose(at.filter((a) => !x.includes(a)));
  if (stepEval) tf.dispose([stepEval.loss, ...stepEval.grads]);
}

function reachedTarget(loss: number, target: number | undefined): boolean {
  return target !== undefined && loss <= target;
}

/** Why a loss counts as divergence, or null. */
function divergedLoss(loss: number, maxLoss: number | undefined): string | null {
  if (Number.isNaN(loss)) return 'loss became NaN';
  if (!Number.isFinite(loss)) return 'loss became infinite';
  if (maxLoss !== undefined && loss > maxLoss) return `loss ${loss.toExponential(3)} exceeded maxLoss ${maxLoss}`;
  return null;
}

interface RecordInputs {
  step: number;
  arch: MetricContext['arch'];
  data: Dataset;
  objective: Objective;
  params: readonly tf.Tensor[];
  initial: readonly tf.Tensor[];
  /** The step's full-batch evaluation at x_t, when it is one. */
  evalAtX: { loss: number; grads: readonly tf.Tensor[] } | null;
  optimizer: MetricContext['optimizer'];
}

/** Compute the due metrics at x_t, sharing the full-batch evaluation and the forward pass. */
function recordAt(step: number, timeMs: number, due: ReturnType<typeof createMetrics>, inputs: RecordInputs): MetricRecord {
  let full = inputs.evalAtX;
  let owned: Evaluation | null = null;
  let fwd: ForwardPass | null = null;
  let fwdScope: tf.Tensor[] = [];
  const o = inputs.objective;
  const ctx: MetricContext = {
    step,
    arch: inputs.arch,
    data: inputs.data,
    objective: o,
    params: inputs.params,
    initial: inputs.initial,
    optimizer: inputs.optimizer,
    full: () => {
      if (full === null) {
        owned = o.evaluate(inputs.params, o.xTrain, o.yTrain);
        full = { loss: owned.loss.dataSync()[0]!, grads: owned.grads };
      }
      return full;
    },
    forwardTrain: () => {
      if (fwd === null) {
        const kept = tf.tidy(() => {
          const f = forward(inputs.arch, inputs.params, o.xTrain);
          return [f.out, ...f.inputs.slice(1), ...f.pre];
        });
        fwdScope = kept;
        const hidden = inputs.arch.sizes.length - 2;
        fwd = { out: kept[0] as tf.Tensor2D, inputs: [o.xTrain, ...(kept.slice(1, 1 + hidden) as tf.Tensor2D[])], pre: kept.slice(1 + hidden) as tf.Tensor2D[] };
      }
      return fwd;
    },
  };
  const record: MetricRecord = { step, time_ms: timeMs };
  try {
    for (const m of due) Object.assign(record, m.compute(ctx));
  } finally {
    const toFree: Evaluation | null = owned;
    if (toFree !== null) tf.dispose([(toFree as Evaluation).loss, ...(toFree as Evaluation).grads]);
    tf.dispose(fwdScope);
  }
  return record;
}
