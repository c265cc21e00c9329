/**
 * `dir_cos`: cos(beta, w*) for the effective linear predictor beta.
 * - A linear model whose weights are a multiple of w*: +1 (or -1 for a
 *   negative multiple), whatever the scale and parameterization.
 * - A deep linear net: beta is c_0 W_0 c_1 W_1 ... c_{L-1} W_{L-1}, checked
 *   against a plain-loop matrix product and against f(x) = x.beta + const.
 * - A nonlinear net: the least-squares fit of f on X, checked against the
 *   normal equations (d < n) and, for d > n, against the minimum-norm
 *   interpolant beta = X^T (X X^T)^{-1} f, both solved independently with
 *   ml-matrix's LU `solve` in float64.
 * Tolerances: f and the weights are float32, but the test and the metric
 * start from the same float32 values and both work in float64, so they agree
 * to ~1e-12; 1e-9 leaves room for the conditioning of X^T X (kappa ~ 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Matrix, solve } from 'ml-matrix';
import { initEngine } from '../../../core/engine/backend.js';
import type { Architecture } from '../../../core/nn/architecture.js';
import { predict } from '../../../core/nn/mlp.js';
import { Objective } from '../../../core/run/objective.js';
import { DirectionMetric, cosine, weightProduct } from '../../../core/metrics/direction.js';
import { Rng } from '../../../core/random/rng.js';
import { context, dataset, tensors } from './context.js';

const rng = new Rng(2105);
const normals = (k: number): number[] => Array.from({ length: k }, () => Math.fround(rng.normal()));

let before: number;
beforeAll(async () => {
  await initEngine();
  before = tf.memory().numTensors;
});
afterAll(() => {
  expect(tf.memory().numTensors).toBe(before);
});

/** dir_cos and beta of a network at `values` on inputs x (n x d) with teacher w*. */
function measure(arch: Architecture, values: number[][], x: number[], n: number, teacher: Float64Array | null) {
  const d = arch.sizes[0]!;
  const data = dataset(x, n, d, new Array<number>(n).fill(0), teacher);
  const objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
  const params = tensors(arch, values);
  const c = context(3, arch, data, objective, params, params);
  const metric = new DirectionMetric();
  const result = metric.compute(c.ctx).dir_cos!;
  const beta = metric.predictor(c.ctx);
  const f = Array.from(c.ctx.forwardTrain().out.dataSync());
  c.dispose();
  objective.dispose();
  tf.dispose(params);
  return { cos: result, beta, f };
}

describe('dir_cos', () => {
  const d = 5;
  const n = 20;
  const x = normals(n * d);
  const teacher = Float64Array.from(normals(d));

  it('is 1 for a linear model whose weights are a positive multiple of w*, -1 for a negative one', () => {
    for (const parameterization of ['standard', 'ntk'] as const) {
      for (const bias of [false, true]) {
        const arch: Architecture = { sizes: [d, 1], activation: 'relu', bias, parameterization, trainable: [true] };
        const extra = bias ? [[0.7]] : [];
        expect(measure(arch, [Array.from(teacher, (v) => 3 * v), ...extra], x, n, teacher).cos).toBeCloseTo(1, 7);
        expect(measure(arch, [Array.from(teacher, (v) => -0.2 * v), ...extra], x, n, teacher).cos).toBeCloseTo(-1, 7);
      }
    }
  });

  it('uses the weight product for a deep linear net', () => {
    const sizes = [d, 6, 4, 1];
    const arch: Architecture = { sizes, activation: 'identity', bias: false, parameterization: 'ntk', trainable: [true, true, true] };
    const w = [0, 1, 2].map((l) => normals(sizes[l]! * sizes[l + 1]!));
    // Plain product, left to right: row vector of length d after each layer.
    let p: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
    for (let l = 0; l < 3; l++) {
      const cols = sizes[l + 1]!;
      const c = 1 / Math.sqrt(sizes[l]!);
      p = p.map((row) => Array.from({ length: cols }, (_, j) => c * row.reduce((s, v, k) => s + v * w[l]![k * cols + j]!, 0)));
    }
    const expected = p.map((row) => row[0]!);
    const { cos, beta, f } = measure(arch, w, x, n, teacher);
    beta.forEach((b, i) => expect(b).toBeCloseTo(expected[i]!, 12));
    expect(cos).toBeCloseTo(cosine(expected, teacher), 12);
    // f(x_i) = x_i.beta (float32 forward vs float64 product: ~1e-6 relative).
    for (let i = 0; i < n; i++) expect(f[i]!).toBeCloseTo(x.slice(i * d, (i + 1) * d).reduce((s, v, k) => s + v * beta[k]!, 0), 4);
    // weightProduct alone, with bias (biases do not enter beta).
    const withBias: Architecture = { ...arch, bias: true };
    const params = tensors(withBias, [w[0]!, normals(6), w[1]!, normals(4), w[2]!, normals(1)]);
    weightProduct(withBias, params).forEach((b, i) => expect(b).toBeCloseTo(expected[i]!, 12));
    tf.dispose(params);
  });

  it('uses the least-squares fit of f on X for a nonlinear net (d < n)', () => {
    const arch: Architecture = { sizes: [d, 8, 1], activation: 'tanh', bias: true, parameterization: 'standard', trainable: [true, true] };
    const values = [normals(d * 8), normals(8), normals(8), normals(1)];
    const { cos, beta, f } = measure(arch, values, x, n, teacher);
    const X = Matrix.from1DArray(n, d, x);
    const expected = solve(X.transpose().mmul(X), X.transpose().mmul(Matrix.columnVector(f))).getColumn(0);
    beta.forEach((b, i) => expect(Math.abs(b - expected[i]!)).toBeLessThan(1e-9));
    expect(Math.abs(cos - cosine(expected, teacher))).toBeLessThan(1e-9);
  });

  it('uses the minimum-norm fit when d > n (it interpolates f)', () => {
    const dBig = 12;
    const nSmall = 7;
    const xs = normals(nSmall * dBig);
    const t = Float64Array.from(normals(dBig));
    const arch: Architecture = { sizes: [dBig, 8, 1], activation: 'gelu', bias: false, parameterization: 'ntk', trainable: [true, true] };
    const { cos, beta, f } = measure(arch, [normals(dBig * 8), normals(8)], xs, nSmall, t);
    const X = Matrix.from1DArray(nSmall, dBig, xs);
    const alpha = solve(X.mmul(X.transpose()), Matrix.columnVector(f));
    const expected = X.transpose().mmul(alpha).getColumn(0);
    beta.forEach((b, i) => expect(Math.abs(b - expected[i]!)).toBeLessThan(1e-9));
    expect(Math.abs(cos - cosine(expected, t))).toBeLessThan(1e-9);
  });

  it('is NaN without a teacher, for a teacher of the wrong size, and for beta = 0', () => {
    const arch: Architecture = { sizes: [d, 1], activation: 'relu', bias: false, parameterization: 'standard', trainable: [true] };
    expect(Number.isNaN(measure(arch, [normals(d)], x, n, null).cos)).toBe(true);
    expect(Number.isNaN(measure(arch, [normals(d)], x, n, Float64Array.of(1, 2)).cos)).toBe(true);
    expect(Number.isNaN(measure(arch, [new Array<number>(d).fill(0)], x, n, teacher).cos)).toBe(true);
  });

  it('agrees with predict() for the linear case: f = X beta', () => {
    const arch: Architecture = { sizes: [d, 1], activation: 'relu', bias: false, parameterization: 'ntk', trainable: [true] };
    const w = normals(d);
    const params = tensors(arch, [w]);
    const xt = tf.tensor2d(Float32Array.from(x), [n, d]);
    const out = predict(arch, params, xt);
    const f = out.dataSync();
    const beta = weightProduct(arch, params);
    for (let i = 0; i < n; i++) expect(f[i]!).toBeCloseTo(x.slice(i * d, (i + 1) * d).reduce((s, v, k) => s + v * beta[k]!, 0), 5);
    tf.dispose([...params, xt, out]);
  });
});
