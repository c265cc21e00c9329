/**
 * `act_flip`: 0 at step 0, and on a hand-made change the fraction of hidden
 * pre-activation signs (z > 0 vs z <= 0) that differ from step 0, counted
 * independently with plain float64 loops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import type { Architecture } from '../../../core/nn/architecture.js';
import { Objective } from '../../../core/run/objective.js';
import { ActivationFlipMetric } from '../../../core/metrics/activation-flips.js';
import { Rng } from '../../../core/random/rng.js';
import { act } from '../../helpers/reference-mlp.js';
import { context, dataset, tensors } from './context.js';

const n = 10;
const d = 3;
const rng = new Rng(8);
const x = Array.from({ length: n * d }, () => Math.fround(rng.normal()));
const data = dataset(x, n, d, new Array<number>(n).fill(0), null);

/** Hidden pre-activation signs (z > 0) of a standard-parameterization, no-bias net, in float64. */
function gatesOf(sizes: number[], w: number[][]): boolean[] {
  const out: boolean[] = [];
  let h = x.slice();
  for (let l = 0; l < sizes.length - 2; l++) {
    const fin = sizes[l]!;
    const fout = sizes[l + 1]!;
    const next: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < fout; j++) {
        let z = 0;
        for (let k = 0; k < fin; k++) z += h[i * fin + k]! * w[l]![k * fout + j]!;
        out.push(z > 0);
        next.push(act('tanh', z));
      }
    }
    h = next;
  }
  return out;
}

let before: number;
beforeAll(async () => {
  await initEngine();
  before = tf.memory().numTensors;
});
afterAll(() => {
  expect(tf.memory().numTensors).toBe(before);
});

describe('act_flip', () => {
  it('negating one first-layer unit flips exactly its n signs (one hidden layer)', () => {
    const arch: Architecture = { sizes: [d, 4, 1], activation: 'relu', bias: false, parameterization: 'standard', trainable: [true, true] };
    const w0 = Array.from({ length: d * 4 }, () => rng.normal());
    const w1 = Array.from({ length: 4 }, () => rng.normal());
    const w0b = w0.map((v, k) => (k % 4 === 2 ? -v : v)); // unit 2
    const objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
    const p0 = tensors(arch, [w0, w1]);
    const p1 = tensors(arch, [w0b, w1]);
    const metric = new ActivationFlipMetric();
    const c0 = context(0, arch, data, objective, p0, p0);
    expect(metric.compute(c0.ctx)).toEqual({ act_flip: 0 });
    c0.dispose();
    const c1 = context(4, arch, data, objective, p1, p0);
    expect(metric.compute(c1.ctx).act_flip).toBeCloseTo(n / (n * 4), 12);
    c1.dispose();
    metric.dispose();
    objective.dispose();
    tf.dispose([...p0, ...p1]);
  });

  it('counts flips across every hidden layer (two hidden layers, tanh)', () => {
    const sizes = [d, 5, 4, 1];
    const arch: Architecture = { sizes, activation: 'tanh', bias: false, parameterization: 'standard', trainable: [true, true, true] };
    const w = [0, 1, 2].map((l) => Array.from({ length: sizes[l]! * sizes[l + 1]! }, () => Math.fround(rng.normal())));
    const moved = w.map((layer) => layer.map((v) => Math.fround(v + 0.7 * rng.normal())));
    const g0 = gatesOf(sizes, w);
    const g1 = gatesOf(sizes, moved);
    const expected = g0.filter((g, k) => g !== g1[k]).length / g0.length;
    expect(expected).toBeGreaterThan(0);

    const objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
    const p0 = tensors(arch, w);
    const p1 = tensors(arch, moved);
    // First record after step 0: the step-0 gates come from the initial parameters.
    const metric = new ActivationFlipMetric();
    const c1 = context(9, arch, data, objective, p1, p0);
    expect(metric.compute(c1.ctx).act_flip).toBeCloseTo(expected, 12);
    c1.dispose();
    const c0 = context(10, arch, data, objective, p0, p0);
    expect(metric.compute(c0.ctx).act_flip).toBe(0);
    c0.dispose();
    metric.dispose();
    objective.dispose();
    tf.dispose([...p0, ...p1]);
  });

  it('is NaN without hidden layers', () => {
    const arch: Architecture = { sizes: [d, 1], activation: 'relu', bias: false, parameterization: 'standard', trainable: [true] };
    const objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
    const p = tensors(arch, [[1, 2, 3]]);
    const c = context(0, arch, data, objective, p, p);
    expect(Number.isNaN(new ActivationFlipMetric().compute(c.ctx).act_flip)).toBe(true);
    c.dispose();
    objective.dispose();
    tf.dispose(p);
  });
});
