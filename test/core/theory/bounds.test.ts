/**
 * Rate bounds (core/theory/bounds.ts) against the linearized trajectories they
 * describe, on known spectra. rho is a per-step factor of the LOSS.
 *  - gd: the fitted linear rate of the linearized loss equals max_i (1 - lr lambda_i)^2;
 *  - heavy-ball, nesterov: the measured factor (L_{2T} / L_T)^{1/T} approaches
 *    the squared spectral radius of the 2 x 2 mode matrices;
 *  - nesterov (k-1)/(k+2): the same with the beta = 1 limit matrix, reached late;
 *  - Polyak's optimal heavy ball on [1, 100]: lr* = 4/121, beta* = (9/11)^2 = rho*,
 *    and any nearby (lr, beta) is slower; heavyBallOptimum gives the same
 *    numbers from the spectrum alone, and null when lambda_min = 0.
 */
import { describe, expect, it } from 'vitest';
import { rateBounds, companionRadius, heavyBallOptimum } from '../../../core/theory/bounds.js';
import { LinearizedTrajectory, linearizedLosses } from '../../../core/theory/linearized.js';
import { theoryOptimizer } from '../../../core/theory/optimizer.js';
import { fitRate } from '../../../core/fit/rate-fit.js';
import type { OptimizerSpec } from '../../../core/spec/schema.js';
import { diagonal } from './spectra.js';

/** (L_{2T} / L_T)^{1/T} of the linearized loss with every mode started at 1. */
function measuredFactor(lambda: readonly number[], spec: OptimizerSpec, T: number): number {
  const traj = new LinearizedTrajectory(lambda, lambda.map(() => 1), theoryOptimizer(spec), 1);
  const first = traj.lossAt(T);
  return (traj.lossAt(2 * T) / first) ** (1 / T);
}

describe('gd', () => {
  it('the fitted rate of the linearized loss is max_i (1 - lr lambda_i)^2 (either end of the spectrum)', () => {
    const cases: [number[], number, number][] = [
      [[0.1, 0.5, 1], 0.5, 0.95 ** 2], // lambda_min sets the rate
      [[0.1, 1], 1.9, 0.9 ** 2], // |1 - 1.9| = 0.9 > 1 - 0.19: lambda_max sets it
    ];
    for (const [lambda, lr, rho] of cases) {
      const spec: OptimizerSpec = { kind: 'gd', lr };
      const bound = rateBounds(diagonal(lambda), spec);
      expect(bound.kind).toBe('linear');
      expect(bound.rho!).toBeCloseTo(rho, 14);
      const steps = Array.from({ length: 21 }, (_, k) => 200 + 10 * k);
      const losses = linearizedLosses(diagonal(lambda), lambda.map(() => 1), spec, steps);
      const fit = fitRate(steps, Array.from(losses));
      expect(fit.kind).toBe('linear');
      expect(Math.abs(fit.rho! - rho)).toBeLessThan(1e-6);
    }
  });

  it('says stalled for a zero (or rounding-negative) eigenvalue, divergent for a too-large step', () => {
    expect(rateBounds({ values: [0, 1] }, { kind: 'gd', lr: 0.5 })).toMatchObject({ kind: 'stalled', rho: 1 });
    expect(rateBounds({ values: [-1e-9, 1] }, { kind: 'gd', lr: 0.5 })).toMatchObject({ kind: 'stalled', rho: 1 });
    expect(rateBounds({ values: [1] }, { kind: 'gd', lr: 3 })).toMatchObject({ kind: 'divergent', rho: 4 });
  });
});

describe('momentum methods: rho is the squared spectral radius of the mode matrices', () => {
  const lambda = [0.05, 0.3, 1, 2];

  it('heavy-ball and constant-beta nesterov match the measured asymptotic factor', () => {
    const specs: OptimizerSpec[] = [
      { kind: 'heavy-ball', lr: 0.5, momentum: 0.5 },
      { kind: 'heavy-ball', lr: 0.2, momentum: 0.9 },
      { kind: 'nesterov', lr: 0.5, momentum: 0.5 },
    ];
    for (const spec of specs) {
      const bound = rateBounds({ values: lambda }, spec);
      expect(bound.kind).toBe('linear');
      const measured = measuredFactor(lambda, spec, 1000);
      expect(Math.abs(measured - bound.rho!), JSON.stringify(spec)).toBeLessThan(1e-3);
    }
  });

  it('nesterov (k-1)/(k+2): eventually linear with the beta = 1 limit, 1 - lr lambda_min', () => {
    for (const lr of [0.3, 0.1]) {
      const spec: OptimizerSpec = { kind: 'nesterov', lr, momentum: '(k-1)/(k+2)' };
      const bound = rateBounds({ values: lambda }, spec);
      expect(bound.kind).toBe('eventually-linear');
      expect(bound.rho!).toBeCloseTo(1 - lr * 0.05, 12);
      expect(Math.abs(measuredFactor(lambda, spec, 20000) - bound.rho!)).toBeLessThan(5e-4);
    }
  });

  it('companionRadius: complex pairs have |z| = sqrt(q), real roots the larger |z|', () => {
    expect(companionRadius(1, 0.5)).toBeCloseTo(Math.sqrt(0.5), 15);
    expect(companionRadius(3, 2)).toBeCloseTo(2, 15); // roots 1 and 2
    expect(companionRadius(-3, 2)).toBeCloseTo(2, 15); // roots -1 and -2
  });
});

describe("Polyak's optimal heavy ball", () => {
  const spectrum = diagonal([1, 4, 25, 100]); // kappa = 100
  const lrStar = 4 / 121;
  const betaStar = (9 / 11) ** 2;

  it('reports lr* = 4 / (sqrt(L) + sqrt(mu))^2, beta* = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2, rho* = beta*', () => {
    const bound = rateBounds(spectrum, { kind: 'heavy-ball', lr: 0.01, momentum: 0.5 });
    expect(bound.optimalLr!).toBeCloseTo(lrStar, 14);
    expect(bound.optimalBeta!).toBeCloseTo(betaStar, 14);
    const atOptimum = rateBounds(spectrum, { kind: 'heavy-ball', lr: lrStar, momentum: betaStar });
    // The end modes have a double root there; rounding in the discriminant moves r by ~sqrt(eps).
    expect(Math.abs(atOptimum.rho! - betaStar)).toBeLessThan(1e-7);
    for (const [lr, beta] of [[lrStar * 1.05, betaStar], [lrStar * 0.95, betaStar], [lrStar, betaStar + 0.02], [lrStar, betaStar - 0.02]]) {
      expect(rateBounds(spectrum, { kind: 'heavy-ball', lr: lr!, momentum: beta! }).rho!).toBeGreaterThan(betaStar);
    }
  });

  it('reduction mean: lr* is n times the sum-reduction step', () => {
    const bound = rateBounds(spectrum, { kind: 'heavy-ball', lr: 0.01, momentum: 0.5 }, 'mean');
    expect(bound.optimalLr!).toBeCloseTo(4 * lrStar, 12);
    expect(bound.optimalBeta!).toBeCloseTo(betaStar, 14);
  });

  it('heavyBallOptimum: the same optimum from the spectrum alone, whatever the run optimizes with', () => {
    for (const reduction of ['sum', 'mean'] as const) {
      const bound = rateBounds(spectrum, { kind: 'heavy-ball', lr: 0.01, momentum: 0.5 }, reduction);
      expect(heavyBallOptimum(spectrum, reduction)).toEqual({ lr: bound.optimalLr, beta: bound.optimalBeta, rho: bound.optimalBeta });
    }
    expect(heavyBallOptimum(diagonal([0, 1, 4]))).toBeNull();
    expect(heavyBallOptimum(diagonal([-1e-9, 1, 4]))).toBeNull(); // rounding-negative counts as 0
  });
});
