/**
 * The `theory` metric: the linearized-NTK and limiting-ODE predictions of the
 * training loss for the run's own optimizer and step (core/theory,
 * docs/science.md "Theory overlays" and "Rate bounds"):
 *   theory_loss   the loss of the linearized model f_0 + J_0 (theta - theta_0)
 *                 under the run's optimizer (discrete, step for step)
 *   ode_loss      the loss of the optimizer's limiting ODE at the step's ODE time
 *   theory_rho    (step 0 only) the asymptotic per-step loss factor of the
 *                 linearized model under the run's (lr, momentum), from H_0's spectrum
 *   theory_hb_lr, theory_hb_beta, theory_hb_rho
 *                 (step 0 only, whatever the run's optimizer: they depend on the
 *                 spectrum alone) Polyak's optimal heavy-ball lr* (run's units),
 *                 beta* and its loss factor; NaN when lambda_min <= 0
 *
 * At its first record (step 0) it computes H_0 on the training inputs, its
 * eigen-decomposition and e_0 = f_0(X) - y, then advances the per-mode
 * recursions as later steps are recorded (records come in increasing step
 * order), so it needs no run length: O(n^3) once, then O(n) per step (the
 * Nesterov-schedule ODE costs more, see core/theory/ode.ts).
 * It needs MSE loss, the full batch, and gd / sgd / heavy-ball / nesterov
 * with a constant lr (core/spec/rules.ts checks this before a run starts);
 * the optimizer comes from the context's `optimizer`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Metric, MetricContext } from './metric.js';
import { ntkGram } from '../ntk/gram.js';
import { symmetricEigen } from '../ntk/spectrum.js';
import { forward } from '../nn/mlp.js';
import { LinearizedTrajectory, modeCoefficients } from '../theory/linearized.js';
import { OdeTrajectory } from '../theory/ode.js';
import { heavyBallOptimum, rateBounds, type HeavyBallOptimum } from '../theory/bounds.js';
import { lossScale, theoryOptimizer } from '../theory/optimizer.js';

interface Prediction {
  discrete: LinearizedTrajectory;
  ode: OdeTrajectory;
  rho: number;
  hb: HeavyBallOptimum | null;
}

export class TheoryMetric implements Metric {
  readonly name = 'theory' as const;
  /** null before the first record; 'invalid' when H_0 or e_0 is not finite. */
  private prediction: Prediction | 'invalid' | null = null;

  compute(ctx: MetricContext): Record<string, number> {
    this.prediction ??= predict(ctx);
    const p = this.prediction;
    const out: Record<string, number> =
      p === 'invalid'
        ? { theory_loss: Number.NaN, ode_loss: Number.NaN }
        : { theory_loss: p.discrete.lossAt(ctx.step), ode_loss: p.ode.lossAt(ctx.step) };
    if (ctx.step === 0) {
      const hb = p === 'invalid' ? null : p.hb;
      out.theory_rho = p === 'invalid' ? Number.NaN : p.rho;
      out.theory_hb_lr = hb?.lr ?? Number.NaN;
      out.theory_hb_beta = hb?.beta ?? Number.NaN;
      out.theory_hb_rho = hb?.rho ?? Number.NaN;
    }
    return out;
  }
}

export function theoryMetric(): TheoryMetric {
  return new TheoryMetric();
}

/** H_0, its eigenbasis and e_0 at the initial parameters, and the trajectories they start. */
function predict(ctx: MetricContext): Prediction | 'invalid' {
  const { arch, objective } = ctx;
  if (!ctx.optimizer) throw new Error('the theory metric needs the run\'s optimizer in its context');
  if (objective.lossSpec.kind !== 'mse') throw new Error(`the theory metric needs MSE loss (this run has ${objective.lossSpec.kind})`);
  if (arch.sizes[arch.sizes.length - 1] !== 1) throw new Error('the theory metric needs a scalar-output network');
  const opt = theoryOptimizer(ctx.optimizer);
  const x = objective.xTrain;
  const n = x.shape[0];
  let gram: Float64Array;
  let f0: Float32Array;
  if (ctx.step === 0) {
    const fwd = ctx.forwardTrain();
    gram = ntkGram(arch, ctx.params, x, fwd);
    f0 = fwd.out.dataSync() as Float32Array;
  } else {
    // First record after step 0 (not the loop's way, but cheap to support): recompute at theta_0.
    gram = ntkGram(arch, ctx.initial, x);
    f0 = tf.tidy(() => forward(arch, ctx.initial, x).out.dataSync() as Float32Array);
  }
  const y = objective.yTrain.dataSync();
  const e0 = Float64Array.from(f0, (f, i) => f - y[i]!);
  if (!e0.every(Number.isFinite) || !gram.every(Number.isFinite)) return 'invalid';
  const eigen = symmetricEigen(gram, n);
  const coeffs = modeCoefficients(eigen, e0);
  const scale = lossScale(objective.lossSpec.reduction, n);
  const bound = rateBounds(eigen, ctx.optimizer, objective.lossSpec.reduction);
  return {
    discrete: new LinearizedTrajectory(eigen.values, coeffs, opt, scale),
    ode: new OdeTrajectory(eigen.values, coeffs, opt, scale),
    rho: bound.rho ?? Number.NaN,
    hb: heavyBallOptimum(eigen, objective.lossSpec.reduction),
  };
}
