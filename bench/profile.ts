/**
 * `npm run bench -- --profile`: where a workload's step goes. Unlike the timed
 * table (which runs trainRun), this drives the step's pieces by hand, the way
 * Objective.evaluate and the loop do, and times each one:
 *   forward   forward pass and loss + dLoss/df (core/nn/mlp.ts, core/loss)
 *   backward  the hand-written backward pass
 *   read      the loop's read of the loss (one dataSync of a scalar)
 *   optim     the optimizer step
 * The WASM backend runs kernels synchronously, so a wall-clock interval around
 * a call is that call's compute. It then lists the costliest kernels of one
 * step (tf.profile), which is how a slow transpose or a matMul on the
 * backend's slow path shows up (means over 3 profiled steps).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../core/data/load.js';
import { architecture, paramSlots } from '../core/nn/architecture.js';
import { initialWeights } from '../core/nn/init.js';
import { backward, forward } from '../core/nn/mlp.js';
import { lossAndGradient, outputCount } from '../core/loss/losses.js';
import { createOptimizer } from '../core/optim/create.js';
import { learningRate } from '../core/optim/schedule.js';
import { median, workloadRun, type Workload } from './workloads.js';

/** Steps whose kernels are profiled; the list gives per-step means. */
const KERNEL_STEPS = 3;

export interface PhaseProfile {
  forwardMs: number;
  backwardMs: number;
  readMs: number;
  optimMs: number;
  /** The costliest kernels per step (mean over KERNEL_STEPS steps): name and input shapes, ms, calls. */
  kernels: { kernel: string; ms: number; calls: number }[];
}

export async function profileWorkload(w: Workload, steps: number): Promise<PhaseProfile> {
  const run = workloadRun(w, steps, steps);
  const data = loadDataset(run.data, run.seed, { baseDir: process.cwd(), loss: run.loss.kind });
  const arch = architecture(run.model, data.d, outputCount(run.loss, data.classes));
  const slots = paramSlots(arch);
  const x = tf.tensor2d(data.train.x, [data.train.n, data.d]);
  const y = tf.tensor1d(data.train.y);
  const optimizer = createOptimizer(run.optimizer);
  let params = initialWeights(arch, run.model.init, run.seed).map((v, i) => tf.tensor(v, slots[i]!.shape));
  const times = { forward: [] as number[], backward: [] as number[], read: [] as number[], optim: [] as number[] };

  const step = (t: number, record: boolean): void => {
    const next = tf.tidy(() => {
      const t0 = performance.now();
      const fwd = forward(arch, params, x);
      const { loss, dOut } = lossAndGradient(run.loss, fwd.out, y, data.labels);
      const t1 = performance.now();
      const grads = backward(arch, params, fwd, dOut) as tf.Tensor[];
      const t2 = performance.now();
      loss.dataSync();
      const t3 = performance.now();
      const out = optimizer.step(params, grads, learningRate(run.optimizer.lr, t, steps), t);
      const t4 = performance.now();
      if (record) {
        times.forward.push(t1 - t0);
        times.backward.push(t2 - t1);
        times.read.push(t3 - t2);
        times.optim.push(t4 - t3);
      }
      return out;
    });
    tf.dispose(params);
    params = next;
  };

  try {
    const warm = Math.max(2, Math.ceil(steps / 4));
    for (let t = 0; t < warm + steps; t++) step(t, t >= warm);
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (let r = 0; r < KERNEL_STEPS; r++) {
      const prof = await tf.profile(() => step(warm + steps + r, false));
      for (const k of prof.kernels) {
        const key = `${k.name} ${k.inputShapes.map((s) => `[${s.join(',')}]`).join('')}`;
        const agg = byKernel.get(key) ?? { ms: 0, calls: 0 };
        agg.ms += Number(await k.kernelTimeMs);
        agg.calls += 1;
        byKernel.set(key, agg);
      }
    }
    const kernels = [...byKernel.entries()]
      .map(([kernel, v]) => ({ kernel, ms: v.ms / KERNEL_STEPS, calls: v.calls / KERNEL_STEPS }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    return {
      forwardMs: median(times.forward),
      backwardMs: median(times.backward),
      readMs: median(times.read),
      optimMs: median(times.optim),
      kernels,
    };
  } finally {
    optimizer.dispose();
    tf.dispose([...params, x, y]);
  }
}
