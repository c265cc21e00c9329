/**
 * Test bench for the optimizers: f(x) = 1/2 x^T A x - b^T x on R^3 with a
 * fixed SPD A, the vector x split across two parameter tensors of different
 * shapes ([1, 2] and [1]). Gradients are computed here in float64 JS; the
 * reference update rules are written in each test file from the formulas.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { Optimizer } from '../../../core/optim/optimizer.js';

/** Strictly diagonally dominant with a positive diagonal, hence SPD (eigenvalues about 0.88, 1.39, 3.73). */
export const A: readonly (readonly number[])[] = [
  [3, 1, 0.5],
  [1, 2, 0.25],
  [0.5, 0.25, 1],
];
export const b: readonly number[] = [1, -2, 0.5];
/** Exactly representable in float32, so both loops start from the same point. */
export const x0: readonly number[] = [0.5, -1.25, 2];

const SHAPES: readonly (readonly number[])[] = [[1, 2], [1]];

/** grad f(x) = A x - b, in float64. */
export function grad(x: readonly number[]): number[] {
  return A.map((row, i) => row.reduce((s, a, j) => s + a * (x[j] as number), 0) - (b[i] as number));
}

/** The flat vector as parameter tensors [x0 x1] (shape [1,2]) and [x2] (shape [1]). */
export function toTensors(x: readonly number[]): tf.Tensor[] {
  return [tf.tensor(x.slice(0, 2), SHAPES[0] as number[]), tf.tensor(x.slice(2), SHAPES[1] as number[])];
}

export function fromTensors(ts: readonly tf.Tensor[]): number[] {
  return ts.flatMap((t) => Array.from(t.dataSync()));
}

export interface Trace {
  /** xs[0] = x_0, xs[t + 1] = step t's result. */
  xs: number[][];
  /** evalPoint(x_t, t), per step. */
  evals: number[][];
}

/**
 * The training loop's protocol: y = evalPoint(x_t, t); g = grad(y); x_{t+1} =
 * step(x_t, g, lr_t, t); then dispose x_t, g, and y unless it is x_t.
 */
export function runOptimizer(opt: Optimizer, lrs: readonly number[], start: readonly number[] = x0): Trace {
  let x = toTensors(start);
  const trace: Trace = { xs: [fromTensors(x)], evals: [] };
  lrs.forEach((lr, t) => {
    const y = opt.evalPoint(x, t);
    const yv = fromTensors(y);
    trace.evals.push(yv);
    const g = toTensors(grad(yv));
    const next = opt.step(x, g, lr, t);
    for (const yi of y) if (!x.includes(yi)) yi.dispose();
    tf.dispose([...x, ...g]);
    x = next;
    trace.xs.push(fromTensors(x));
  });
  tf.dispose(x);
  return trace;
}

/**
 * Float32 tolerance: unit roundoff 6e-8, about ten rounded operations per
 * element per step, ten steps, and a well-conditioned map put the float32
 * iterates within ~1e-6 of the float64 ones at |x| ~ 1 (the worst case seen
 * here is 5e-7); we allow 1e-5 relative to max(1, |x|_inf). Deliberately
 * wrong rules (no bias correction in v, the momentum index shifted by one,
 * lr_decay one step late) all fail it.
 */
export const TOL = 1e-5;

export function expectClose(actual: readonly number[][], expected: readonly number[][], tol = TOL): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, t) => {
    const e = expected[t] as number[];
    const scale = Math.max(1, ...e.map(Math.abs));
    const err = Math.max(...a.map((ai, i) => Math.abs(ai - (e[i] as number))));
    expect(err, `step ${t}: got [${a.join(', ')}], expected [${e.join(', ')}]`).toBeLessThanOrEqual(tol * scale);
  });
}

/** Elementwise helpers for the reference loops. */
export const zip = (u: readonly number[], v: readonly number[], f: (a: number, b: number) => number): number[] =>
  u.map((a, i) => f(a, v[i] as number));
