/**
 * The per-mode linearized recursion (core/theory/linearized.ts) against the
 * same recursions run directly on the error vector with a dense float64
 * H = A A^T: gd e <- e - s H e, heavy-ball e <- e - s H e + beta (e - e_prev),
 * nesterov y = e + beta_t (e - e_prev), e <- y - s H y. Both are float64, so
 * they agree to rounding (we allow 1e-10 relative).
 */
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../../core/ntk/spectrum.js';
import { LinearizedTrajectory, linearizedLosses } from '../../../core/theory/linearized.js';
import { theoryOptimizer } from '../../../core/theory/optimizer.js';
import { nesterovMomentum } from '../../../core/optim/nesterov.js';
import type { OptimizerSpec } from '../../../core/spec/schema.js';
import { Rng } from '../../../core/random/rng.js';

const n = 12;
const rng = new Rng(3);
const a = Float64Array.from({ length: n * 20 }, () => rng.normal() / Math.sqrt(20));
const h = new Float64Array(n * n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    let dot = 0;
    for (let k = 0; k < 20; k++) dot += a[i * 20 + k]! * a[j * 20 + k]!;
    h[i * n + j] = dot;
  }
}
const e0 = Float64Array.from({ length: n }, () => rng.normal());
const eigen = symmetricEigen(h, n);

function matVec(v: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let j = 0; j < n; j++) dot += h[i * n + j]! * v[j]!;
    out[i] = dot;
  }
  return out;
}

/** Loss (c/2)|e_t|^2 of the recursion run on e itself, at each step up to T. */
function direct(spec: OptimizerSpec, T: number, c = 1): number[] {
  const s = c * (spec.lr as number);
  let e = Float64Array.from(e0);
  let prev = Float64Array.from(e0);
  const losses: number[] = [];
  for (let t = 0; t <= T; t++) {
    losses.push((c / 2) * e.reduce((acc, v) => acc + v * v, 0));
    const beta = spec.kind === 'heavy-ball' ? spec.momentum : spec.kind === 'nesterov' ? nesterovMomentum(spec.momentum, t) : 0;
    const y = e.map((v, i) => v + beta * (v - prev[i]!));
    const g = matVec(spec.kind === 'nesterov' ? y : e);
    const next = y.map((v, i) => v - s * g[i]!);
    prev = e;
    e = next;
  }
  return losses;
}

const SPECS: OptimizerSpec[] = [
  { kind: 'gd', lr: 0.3 },
  { kind: 'sgd', lr: 0.3 },
  { kind: 'heavy-ball', lr: 0.2, momentum: 0.8 },
  { kind: 'nesterov', lr: 0.2, momentum: 0.6 },
  { kind: 'nesterov', lr: 0.3, momentum: '(k-1)/(k+2)' },
];

describe('linearizedLosses', () => {
  it('matches the recursions run on the error vector, for every optimizer (steps in any order)', () => {
    const steps = [200, 0, 7, 1, 2, 50, 3];
    for (const spec of SPECS) {
      const want = direct(spec, 200);
      const got = linearizedLosses(eigen, e0, spec, steps);
      steps.forEach((t, k) => expect(Math.abs(got[k]! - want[t]!) / want[t]!, `${spec.kind} step ${t}`).toBeLessThan(1e-10));
    }
  });

  it('reduction mean: L = |e|^2 / (2n) and the effective step is lr / n', () => {
    const spec: OptimizerSpec = { kind: 'heavy-ball', lr: 0.2 * n, momentum: 0.8 };
    const want = direct(spec, 100, 1 / n);
    const got = linearizedLosses(eigen, e0, spec, [0, 10, 100], 'mean');
    [0, 10, 100].forEach((t, k) => expect(Math.abs(got[k]! - want[t]!) / want[t]!).toBeLessThan(1e-10));
  });

  it('the incremental trajectory refuses to go back', () => {
    const traj = new LinearizedTrajectory(eigen.values, e0, theoryOptimizer({ kind: 'gd', lr: 0.1 }), 1);
    traj.lossAt(5);
    expect(() => traj.lossAt(4)).toThrow(/increasing order/);
  });

  it('refuses schedules and optimizers the theory does not cover', () => {
    expect(() => theoryOptimizer({ kind: 'gd', lr: { kind: 'step', initial: 0.1, gamma: 0.5, every: 10, warmup: 0 } })).toThrow(/constant learning rate/);
    expect(() => theoryOptimizer({ kind: 'adam', lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 })).toThrow(/gd, sgd, heavy-ball and nesterov/);
    expect(theoryOptimizer({ kind: 'gd', lr: { kind: 'constant', value: 0.1, warmup: 0 } })).toEqual({ kind: 'gd', lr: 0.1 });
  });
});
