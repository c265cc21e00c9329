/**
 * The `theory` metric outside the loop: its step-0 columns are the
 * linearizedLosses / odeLosses / rateBounds of H_0 = ntkGram and
 * e_0 = f_0(X) - y; a first record after step 0 rebuilds H_0 and e_0 from the
 * initial parameters and gives the same numbers; it needs the optimizer in
 * its context; it leaks no tensor. Polyak's heavy-ball optimum on H_0
 * (theory_hb_*) comes at step 0 whatever the run's optimizer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import type { Architecture } from '../../../core/nn/architecture.js';
import { Objective } from '../../../core/run/objective.js';
import { ntkGram } from '../../../core/ntk/gram.js';
import { symmetricEigen } from '../../../core/ntk/spectrum.js';
import { predict } from '../../../core/nn/mlp.js';
import { TheoryMetric } from '../../../core/metrics/theory-metric.js';
import { linearizedLosses } from '../../../core/theory/linearized.js';
import { odeLosses } from '../../../core/theory/ode.js';
import { heavyBallOptimum, rateBounds } from '../../../core/theory/bounds.js';
import type { OptimizerSpec } from '../../../core/spec/schema.js';
import { Rng } from '../../../core/random/rng.js';
import { context, dataset, tensors } from '../metrics/context.js';

const n = 10;
const d = 3;
const width = 32;
const arch: Architecture = { sizes: [d, width, 1], activation: 'tanh', bias: true, parameterization: 'ntk', trainable: [true, false] };
const rng = new Rng(8);
const data = dataset(Array.from({ length: n * d }, () => rng.normal()), n, d, Array.from({ length: n }, () => rng.normal()), null);
const values0 = [Array.from({ length: d * width }, () => rng.normal()), new Array<number>(width).fill(0.1), Array.from({ length: width }, () => rng.sign()), [0]];
const optimizer: OptimizerSpec = { kind: 'nesterov', lr: 0.05, momentum: '(k-1)/(k+2)' };

let objective: Objective;
let initial: tf.Tensor[];

beforeAll(async () => {
  await initEngine();
  objective = new Objective(arch, { kind: 'mse', reduction: 'mean' }, data);
  initial = tensors(arch, values0);
});

afterAll(() => {
  objective.dispose();
  tf.dispose(initial);
});

function reference(steps: number[]): { theory: Float64Array; ode: Float64Array; rho: number } {
  const h0 = ntkGram(arch, initial, objective.xTrain);
  const eigen = symmetricEigen(h0, n);
  const f0 = tf.tidy(() => predict(arch, initial, objective.xTrain).dataSync());
  const e0 = Float64Array.from(f0, (f, i) => f - data.train.y[i]!);
  return {
    theory: linearizedLosses(eigen, e0, optimizer, steps, 'mean'),
    ode: odeLosses(eigen, e0, optimizer, steps, 'mean'),
    rho: rateBounds(eigen, optimizer, 'mean').rho!,
  };
}

describe('theory metric', () => {
  it('records the linearized and ODE losses of H_0, e_0, and theory_rho at step 0 only', () => {
    const before = tf.memory().numTensors;
    const want = reference([0, 7]);
    const metric = new TheoryMetric();
    const at0 = context(0, arch, data, objective, initial, initial);
    const r0 = metric.compute({ ...at0.ctx, optimizer });
    at0.dispose();
    // The step-7 parameters do not matter: the prediction is fixed at step 0.
    const at7 = context(7, arch, data, objective, initial, initial);
    const r7 = metric.compute({ ...at7.ctx, optimizer });
    at7.dispose();
    expect(r0.theory_loss).toBeCloseTo(want.theory[0]!, 12);
    expect(r0.ode_loss).toBeCloseTo(want.ode[0]!, 12);
    expect(r0.theory_rho).toBeCloseTo(want.rho, 12);
    expect(Object.keys(r7).sort()).toEqual(['ode_loss', 'theory_loss']);
    expect(Math.abs(r7.theory_loss! - want.theory[1]!) / want.theory[1]!).toBeLessThan(1e-12);
    expect(Math.abs(r7.ode_loss! - want.ode[1]!) / want.ode[1]!).toBeLessThan(1e-12);
    // L_0 of the metric is the loss the objective computes (mean reduction).
    expect(Math.abs(r0.theory_loss! - objective.lossAt(initial, objective.xTrain, objective.yTrain)) / r0.theory_loss!).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("records Polyak's heavy-ball optimum on H_0 at step 0, for any optimizer", () => {
    const eigen = symmetricEigen(ntkGram(arch, initial, objective.xTrain), n);
    const want = heavyBallOptimum(eigen, 'mean')!;
    expect(want).not.toBeNull();
    const metric = new TheoryMetric();
    const at0 = context(0, arch, data, objective, initial, initial);
    const r0 = metric.compute({ ...at0.ctx, optimizer }); // nesterov: the optimum does not depend on it
    at0.dispose();
    expect(r0.theory_hb_lr).toBeCloseTo(want.lr, 10);
    expect(r0.theory_hb_beta).toBeCloseTo(want.beta, 12);
    expect(r0.theory_hb_rho).toBeCloseTo(want.rho, 12);
    const hb = rateBounds(eigen, { kind: 'heavy-ball', lr: 0.05, momentum: 0.9 }, 'mean');
    expect(r0.theory_hb_lr).toBeCloseTo(hb.optimalLr!, 10);
    expect(r0.theory_hb_beta).toBeCloseTo(hb.optimalBeta!, 12);
  });

  it('rebuilds H_0 and e_0 from the initial parameters when the first record is later', () => {
    const want = reference([12]);
    const moved = tensors(arch, values0.map((v) => v.map((e) => e + 0.5)));
    const metric = new TheoryMetric();
    const at12 = context(12, arch, data, objective, moved, initial);
    const r = metric.compute({ ...at12.ctx, optimizer });
    at12.dispose();
    tf.dispose(moved);
    expect(Math.abs(r.theory_loss! - want.theory[0]!) / want.theory[0]!).toBeLessThan(1e-12);
    expect(r.theory_rho).toBeUndefined();
  });

  it('needs the optimizer in its context', () => {
    const at0 = context(0, arch, data, objective, initial, initial);
    expect(() => new TheoryMetric().compute(at0.ctx)).toThrow(/optimizer/);
    at0.dispose();
  });
});
