/**
 * The `ntk` metric: its columns agree with ntkGram + spectrum, ntk_drift is 0
 * at step 0 and equals |H_t - H_0|_F / |H_0|_F afterwards (H_0 kept from step
 * 0, or rebuilt from the initial parameters when the first record is later),
 * and the full matrices stay available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import type { Architecture } from '../../../core/nn/architecture.js';
import { Objective } from '../../../core/run/objective.js';
import { ntkGram } from '../../../core/ntk/gram.js';
import { spectrum } from '../../../core/ntk/spectrum.js';
import { NtkMetric, relativeDistance } from '../../../core/metrics/ntk-metric.js';
import { Rng } from '../../../core/random/rng.js';
import { context, dataset, tensors } from './context.js';

const n = 12;
const d = 4;
const width = 64;
const arch: Architecture = { sizes: [d, width, 1], activation: 'relu', bias: true, parameterization: 'ntk', trainable: [true, true] };
const rng = new Rng(41);
const x = Array.from({ length: n * d }, () => rng.normal());
const y = Array.from({ length: n }, () => rng.normal());
const data = dataset(x, n, d, y, null);
const values0 = [
  Array.from({ length: d * width }, () => rng.normal()),
  new Array<number>(width).fill(0),
  Array.from({ length: width }, () => rng.sign()),
  [0],
];
const values1 = values0.map((v) => v.map((e) => e + 0.3 * rng.normal()));

let objective: Objective;
let initial: tf.Tensor[];
let moved: tf.Tensor[];

beforeAll(async () => {
  await initEngine();
  objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
  initial = tensors(arch, values0);
  moved = tensors(arch, values1);
});

afterAll(() => {
  objective.dispose();
  tf.dispose([...initial, ...moved]);
});

describe('ntk metric', () => {
  it('reports the spectrum of H_t and drift 0 at step 0, then the relative drift', () => {
    const metric = new NtkMetric();
    expect(metric.latestGram()).toBeNull();

    const at0 = context(0, arch, data, objective, initial, initial);
    const r0 = metric.compute(at0.ctx);
    at0.dispose();
    const h0 = ntkGram(arch, initial, objective.xTrain);
    const s0 = spectrum(h0, n);
    expect(r0.ntk_drift).toBe(0);
    expect(r0.ntk_lambda_min).toBeCloseTo(s0.lambdaMin, 8);
    expect(r0.ntk_lambda_max).toBeCloseTo(s0.lambdaMax, 8);
    expect(r0.ntk_cond).toBeCloseTo(s0.cond, 6);
    expect(r0.ntk_lambda_min).toBeGreaterThan(0);
    expect(metric.initialGram()?.step).toBe(0);

    const at5 = context(5, arch, data, objective, moved, initial);
    const r5 = metric.compute(at5.ctx);
    at5.dispose();
    const h5 = ntkGram(arch, moved, objective.xTrain);
    expect(r5.ntk_drift).toBeGreaterThan(0.01);
    expect(r5.ntk_drift).toBeCloseTo(relativeDistance(h5, h0), 10);
    expect(r5.ntk_lambda_max).toBeCloseTo(spectrum(h5, n).lambdaMax, 8);

    const latest = metric.latestGram()!;
    expect(latest.step).toBe(5);
    expect(latest.n).toBe(n);
    expect(Array.from(latest.gram)).toEqual(Array.from(h5));
    expect(Array.from(metric.initialGram()!.gram)).toEqual(Array.from(h0));
  });

  it('rebuilds H_0 from the initial parameters when its first record is after step 0', () => {
    const metric = new NtkMetric();
    const at5 = context(5, arch, data, objective, moved, initial);
    const r5 = metric.compute(at5.ctx);
    at5.dispose();
    const h0 = ntkGram(arch, initial, objective.xTrain);
    const h5 = ntkGram(arch, moved, objective.xTrain);
    expect(r5.ntk_drift).toBeCloseTo(relativeDistance(h5, h0), 10);
  });

  it('gives NaN columns for a multi-output model and for non-finite weights', () => {
    const multi: Architecture = { ...arch, sizes: [d, width, 2] };
    const o2 = new Objective(multi, { kind: 'mse', reduction: 'sum' }, data);
    const p2 = tensors(multi, [values0[0]!, values0[1]!, [...values0[2]!, ...values0[2]!], [0, 0]]);
    const c2 = context(0, multi, data, o2, p2, p2);
    expect(Object.values(new NtkMetric().compute(c2.ctx)).every(Number.isNaN)).toBe(true);
    c2.dispose();
    o2.dispose();
    tf.dispose(p2);

    const bad = tensors(arch, [values0[0]!.map(() => Number.NaN), values0[1]!, values0[2]!, values0[3]!]);
    const c3 = context(0, arch, data, objective, bad, bad);
    const r = new NtkMetric().compute(c3.ctx);
    expect(Number.isNaN(r.ntk_lambda_min)).toBe(true);
    expect(Number.isNaN(r.ntk_drift)).toBe(true);
    c3.dispose();
    tf.dispose(bad);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const metric = new NtkMetric();
    for (const [step, p] of [[0, initial], [3, moved]] as const) {
      const c = context(step, arch, data, objective, p, initial);
      metric.compute(c.ctx);
      c.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
