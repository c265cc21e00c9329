/**
 * The limiting ODEs (core/theory/ode.ts) against closed forms for one mode
 * with a(0) = 1, a'(0) = 0 (sum reduction, so the loss is a^2 / 2), and the
 * discrete linearized recursions converging to them as the step shrinks at a
 * fixed ODE time.
 *
 * Closed forms:
 *   gradient flow   a = exp(-lambda tau),                       loss exp(-2 lambda tau) / 2
 *   damped          a'' + alpha a' + lambda a = 0 (Polyak's heavy-ball ODE):
 *                   under-damped  a = e^{-alpha tau/2} (cos w tau + alpha/(2w) sin w tau), w = sqrt(lambda - alpha^2/4)
 *                   over-damped   a = (r+ e^{r- tau} - r- e^{r+ tau}) / (r+ - r-), r+- = -alpha/2 +- sqrt(alpha^2/4 - lambda)
 *                   critical      a = e^{-alpha tau/2} (1 + alpha tau / 2)
 *   Nesterov        a'' + (3/tau) a' + lambda a = 0: a = 2 J_1(sqrt(lambda) tau) / (sqrt(lambda) tau)
 *                   (Su, Boyd & Candes 2016, the quadratic example)
 * RK4 at RK4_STEP = 0.05 has a global error of about 5e-8 per unit of the
 * mode's time; over the <= 45 units here we allow 1e-6 absolute on a
 * (measured: <= 2e-8 gradient flow and Nesterov, <= 2.1e-7 damped).
 * Discrete-to-ODE gaps (max over tau of |L_disc - L_ode| / L_0), measured:
 *   gd                 lr 1e-1, 1e-2, 1e-3:  1.1e-2, 1.1e-3, 1.1e-4  (O(lr))
 *   heavy-ball         lr 1e-2, 1e-4, 1e-6:  3.8e-2, 3.8e-3, 3.8e-4  (O(sqrt(lr)))
 *   nesterov beta      lr 1e-2, 1e-4, 1e-6:  3.3e-2, 3.2e-3, 3.2e-4
 *   nesterov (k-1)/(k+2)                     7.7e-2, 8.0e-3, 8.0e-4
 */
import { describe, expect, it } from 'vitest';
import { OdeTrajectory, limitOde, odeLosses } from '../../../core/theory/ode.js';
import { linearizedLosses } from '../../../core/theory/linearized.js';
import type { TheoryOptimizer } from '../../../core/theory/optimizer.js';
import type { OptimizerSpec } from '../../../core/spec/schema.js';
import { besselRatio, diagonal } from './spectra.js';

/** max |a(tau_t) - exact(tau_t)| over the steps whose tau is at most tauMax. */
function maxError(lambda: number, opt: TheoryOptimizer, exact: (tau: number) => number, tauMax: number): number {
  const traj = new OdeTrajectory([lambda], [1], opt, 1);
  let err = 0;
  for (let t = 0; traj.time(t) <= tauMax; t++) {
    const loss = traj.lossAt(t);
    const a = traj.amplitude(0);
    expect(Math.abs(loss - (a * a) / 2)).toBeLessThan(1e-15);
    err = Math.max(err, Math.abs(a - exact(traj.time(t))));
  }
  return err;
}

function damped(lambda: number, alpha: number): (tau: number) => number {
  const disc = (alpha * alpha) / 4 - lambda;
  if (disc < 0) {
    const w = Math.sqrt(-disc);
    return (tau) => Math.exp((-alpha * tau) / 2) * (Math.cos(w * tau) + (alpha / (2 * w)) * Math.sin(w * tau));
  }
  if (disc === 0) return (tau) => Math.exp((-alpha * tau) / 2) * (1 + (alpha * tau) / 2);
  const rp = -alpha / 2 + Math.sqrt(disc);
  const rm = -alpha / 2 - Math.sqrt(disc);
  return (tau) => (rp * Math.exp(rm * tau) - rm * Math.exp(rp * tau)) / (rp - rm);
}

describe('limiting ODEs against closed forms (one mode)', () => {
  it('gradient flow: the loss is exp(-2 lambda tau) / 2 with tau = lr t', () => {
    for (const [lr, lambda] of [[0.1, 1], [1.5, 0.3], [0.01, 40]] as const) {
      const err = maxError(lambda, { kind: 'gd', lr }, (tau) => Math.exp(-lambda * tau), 20 / lambda);
      expect(err, `lr ${lr} lambda ${lambda}`).toBeLessThan(1e-6);
      expect(limitOde({ kind: 'gd', lr }, 1).dtau).toBe(lr);
    }
  });

  it("heavy-ball ODE a'' + alpha a' + lambda a = 0, alpha = (1 - beta)/sqrt(lr), tau = t sqrt(lr): under-, over- and critically damped", () => {
    const cases: [number, number, number][] = [
      [0.01, 0.9, 1], // alpha = 1, under-damped
      [0.01, 0.5, 1], // alpha = 5, over-damped
      [0.04, 0.6, 1], // alpha = 2, critical
      [0.1, 0.9, 5], // under-damped, faster mode
    ];
    for (const [lr, beta, lambda] of cases) {
      const alpha = (1 - beta) / Math.sqrt(lr);
      for (const opt of [{ kind: 'heavy-ball', lr, beta }, { kind: 'nesterov', lr, beta }] as TheoryOptimizer[]) {
        const ode = limitOde(opt, 1);
        expect(ode).toEqual({ kind: 'damped', damping: alpha, dtau: Math.sqrt(lr) });
        const err = maxError(lambda, opt, damped(lambda, alpha), 20);
        expect(err, `${opt.kind} lr ${lr} beta ${beta} lambda ${lambda}`).toBeLessThan(1e-6);
      }
    }
  });

  it("Nesterov ODE a'' + (3/tau) a' + lambda a = 0: a = 2 J_1(sqrt(lambda) tau) / (sqrt(lambda) tau)", () => {
    for (const lr of [1, 0.1, 0.01]) {
      for (const lambda of [0.01, 1, 3]) {
        const w = Math.sqrt(lambda);
        const err = maxError(lambda, { kind: 'nesterov', lr, beta: '(k-1)/(k+2)' }, (tau) => besselRatio(w * tau), 15 / w);
        expect(err, `lr ${lr} lambda ${lambda}`).toBeLessThan(1e-6);
      }
    }
  });

  it('a zero eigenvalue leaves its mode where it started', () => {
    for (const opt of [{ kind: 'gd', lr: 0.1 }, { kind: 'heavy-ball', lr: 0.1, beta: 0.5 }, { kind: 'nesterov', lr: 0.1, beta: '(k-1)/(k+2)' }] as TheoryOptimizer[]) {
      const traj = new OdeTrajectory([0, 1], [2, 0], opt, 1);
      expect(traj.lossAt(100)).toBeCloseTo(2, 12);
    }
  });
});

describe('discrete linearized recursions approach the ODE as lr -> 0 at fixed ODE time', () => {
  const spectrum = diagonal([0.5, 1, 2]);
  const e0 = [1, -0.5, 0.3];
  const l0 = 0.5 * (1 + 0.25 + 0.09);
  /** max over tau in (0, T] of |discrete - ODE| / L_0, both at the steps t = tau / dtau. */
  function gap(spec: OptimizerSpec, stepsPerUnit: number, units: number): number {
    const steps = Array.from({ length: Math.round(stepsPerUnit * units) }, (_, k) => k + 1);
    const d = linearizedLosses(spectrum, e0, spec, steps);
    const o = odeLosses(spectrum, e0, spec, steps);
    let g = 0;
    for (let k = 0; k < steps.length; k++) g = Math.max(g, Math.abs(d[k]! - o[k]!) / l0);
    return g;
  }

  it('gd -> gradient flow, gap O(lr)', () => {
    const gaps = [0.1, 0.01, 0.001].map((lr) => gap({ kind: 'gd', lr }, 1 / lr, 4));
    console.log('gd gaps', gaps.map((g) => g.toExponential(2)).join(' '));
    expect(gaps[1]! / gaps[0]!).toBeLessThan(0.2);
    expect(gaps[2]! / gaps[1]!).toBeLessThan(0.2);
  });

  it('heavy-ball and constant-beta nesterov -> damped ODE with alpha fixed (beta = 1 - alpha sqrt(lr)), gap O(sqrt(lr))', () => {
    const alpha = 1;
    for (const kind of ['heavy-ball', 'nesterov'] as const) {
      const gaps = [1e-2, 1e-4, 1e-6].map((lr) => gap({ kind, lr, momentum: 1 - alpha * Math.sqrt(lr) } as OptimizerSpec, 1 / Math.sqrt(lr), 6));
      console.log(`${kind} gaps`, gaps.map((g) => g.toExponential(2)).join(' '));
      // sqrt(lr) falls 10x per stage.
      expect(gaps[1]! / gaps[0]!, kind).toBeLessThan(0.2);
      expect(gaps[2]! / gaps[1]!, kind).toBeLessThan(0.2);
      expect(gaps[2]!, kind).toBeLessThan(2e-3);
    }
  });

  it('nesterov (k-1)/(k+2) -> the Su-Boyd-Candes ODE, gap O(sqrt(lr))', () => {
    const gaps = [1e-2, 1e-4, 1e-6].map((lr) => gap({ kind: 'nesterov', lr, momentum: '(k-1)/(k+2)' }, 1 / Math.sqrt(lr), 8));
    console.log('nesterov (k-1)/(k+2) gaps', gaps.map((g) => g.toExponential(2)).join(' '));
    expect(gaps[1]! / gaps[0]!).toBeLessThan(0.2);
    expect(gaps[2]! / gaps[1]!).toBeLessThan(0.2);
    expect(gaps[2]!).toBeLessThan(2e-3);
  });
});
