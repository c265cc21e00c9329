/**
 * Rate bounds on the linearized model from the spectrum of H_0 (docs/science.md,
 * "Rate bounds"). Every rho here is a per-step factor of the LOSS, the same
 * quantity the rate fit reports (L_t ~ C rho^t); the error |e_t| contracts by
 * sqrt(rho) per step.
 *
 * Per mode (eigenvalue lambda, effective step s = c lr, k = s lambda) the
 * optimizers are linear recursions a_{t+1} = p a_t - q a_{t-1}:
 *   gd          p = 1 - k,               q = 0
 *   heavy-ball  p = 1 + beta - k,        q = beta                 (Polyak 1964)
 *   nesterov    p = (1 + beta)(1 - k),   q = beta (1 - k)
 * whose 2 x 2 companion matrix [[p, -q], [1, 0]] has spectral radius r(lambda),
 * the largest |z| with z^2 - p z + q = 0. The error's asymptotic factor is
 * max_i r(lambda_i) over every eigenvalue, the loss's is its square.
 */
import type { OptimizerSpec } from '../spec/schema.js';
import { curvatures } from './linearized.js';
import { lossScale, theoryOptimizer, type Reduction } from './optimizer.js';

export type RateKind =
  /** L_t <= C (rho + eps)^t L_0 with rho < 1 (for gd with C = 1, eps = 0). */
  | 'linear'
  /** rho = 1: some mode does not decay (lambda = 0 or a marginal step). */
  | 'stalled'
  /** rho > 1: some mode grows. */
  | 'divergent'
  /** Nesterov's (k-1)/(k+2): sublinear at the ODE scale, linear with factor rho only once beta_t ~ 1 (see rateBounds). */
  | 'eventually-linear';

export interface RateBound {
  kind: RateKind;
  /** Asymptotic per-step factor of the loss. */
  rho: number | null;
  note: string;
  /** Heavy ball: Polyak's optimal step, in the run's lr units (lr* = s* / c). */
  optimalLr?: number;
  /** Heavy ball: Polyak's optimal momentum. */
  optimalBeta?: number;
}

/** The largest |z| with z^2 - p z + q = 0 (real p, q). */
export function companionRadius(p: number, q: number): number {
  const disc = p * p - 4 * q;
  if (disc < 0) return Math.sqrt(q); // complex pair, |z|^2 = q
  return (Math.abs(p) + Math.sqrt(disc)) / 2;
}

/** Heavy ball's optimal (s*, beta*) and loss factor for curvatures in [lmin, lmax], lmin > 0 (Polyak 1964). */
export function heavyBallOptimal(lmin: number, lmax: number): { step: number; beta: number; rho: number } {
  const sq = (Math.sqrt(lmax) - Math.sqrt(lmin)) / (Math.sqrt(lmax) + Math.sqrt(lmin)); // (sqrt(kappa) - 1) / (sqrt(kappa) + 1)
  const beta = sq * sq;
  // At the optimum every mode's pair is complex (or double) with |z| = sqrt(beta) = sq: the loss factor is sq^2 = beta.
  return { step: 4 / (Math.sqrt(lmax) + Math.sqrt(lmin)) ** 2, beta, rho: beta };
}

/** Polyak's optimum in the run's units: lr* = s* / c, beta*, and the loss factor rho* = beta*. */
export interface HeavyBallOptimum {
  lr: number;
  beta: number;
  rho: number;
}

/**
 * Heavy ball's optimal (lr*, beta*) on H_0's spectrum (eigenvalues, any
 * order; negative ones count as 0), or null when lambda_min is 0 (no linear
 * rate to optimise). It depends on the spectrum alone, not on the run's optimizer.
 */
export function heavyBallOptimum(spectrum: { values: ArrayLike<number> }, reduction: Reduction = 'sum'): HeavyBallOptimum | null {
  const values = curvatures(spectrum.values);
  if (values.length === 0) throw new Error('the spectrum is empty');
  let lmin = Number.POSITIVE_INFINITY;
  let lmax = 0;
  for (const l of values) {
    lmin = Math.min(lmin, l);
    lmax = Math.max(lmax, l);
  }
  if (!(lmin > 0)) return null;
  const best = heavyBallOptimal(lmin, lmax);
  return { lr: best.step / lossScale(reduction, values.length), beta: best.beta, rho: best.rho };
}

/**
 * The loss-rate bound of the run's optimizer on H_0's spectrum (eigenvalues,
 * any order; negative ones count as 0). For reduction `mean` the effective
 * step is lr / n, n = the number of eigenvalues (training points).
 */
export function rateBounds(
  spectrum: { values: ArrayLike<number> },
  optimizer: OptimizerSpec,
  reduction: Reduction = 'sum',
): RateBound {
  const opt = theoryOptimizer(optimizer);
  const values = curvatures(spectrum.values);
  if (values.length === 0) throw new Error('the spectrum is empty');
  const c = lossScale(reduction, values.length);
  const s = c * opt.lr;
  let lmin = Number.POSITIVE_INFINITY;
  let lmax = 0;
  for (const l of values) {
    lmin = Math.min(lmin, l);
    lmax = Math.max(lmax, l);
  }
  const radius = (p: (k: number) => [number, number]): number => {
    let r = 0;
    for (const l of values) r = Math.max(r, companionRadius(...p(s * l)));
    return r;
  };
  const ends = `lambda_min = ${fmt(lmin)}, lambda_max = ${fmt(lmax)}, effective step s = ${fmt(s)}`;

  if (opt.kind === 'gd') {
    // |1 - k| is convex in lambda: the max over the spectrum is at an end.
    const r = Math.max(Math.abs(1 - s * lmin), Math.abs(1 - s * lmax));
    const rho = r * r;
    const note =
      `gd: L_t <= rho^t L_0 exactly, rho = max_i (1 - s lambda_i)^2 = ${fmt(rho)} (${ends}); ` +
      `rho = (1 - s lambda_min)^2 when s <= 2 / (lambda_min + lambda_max) = ${fmt(2 / (lmin + lmax))}; ` +
      `the best step 2 / (lambda_min + lambda_max) gives ((kappa - 1)/(kappa + 1))^2 = ${fmt(((lmax - lmin) / (lmax + lmin)) ** 2)}`;
    return { kind: kindOf(rho), rho, note };
  }

  if (opt.kind === 'heavy-ball') {
    const beta = opt.beta;
    const r = radius((k) => [1 + beta - k, beta]);
    const rho = r * r;
    const out: RateBound = {
      kind: kindOf(rho),
      rho,
      note: `heavy-ball: rho = max_i r(lambda_i)^2 = ${fmt(rho)}, r the spectral radius of [[1 + beta - s lambda, -beta], [1, 0]] (${ends}, beta = ${beta})`,
    };
    const best = heavyBallOptimum(spectrum, reduction);
    if (best !== null) {
      out.optimalLr = best.lr;
      out.optimalBeta = best.beta;
      out.note += `; Polyak's optimum lr* = ${fmt(best.lr)}, beta* = ${fmt(best.beta)} gives rho* = ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2 = ${fmt(best.rho)} (kappa = ${fmt(lmax / lmin)})`;
    }
    return out;
  }

  if (typeof opt.beta === 'number') {
    const beta = opt.beta;
    const r = radius((k) => [(1 + beta) * (1 - k), beta * (1 - k)]);
    const rho = r * r;
    return {
      kind: kindOf(rho),
      rho,
      note: `nesterov: rho = max_i r(lambda_i)^2 = ${fmt(rho)}, r the spectral radius of [[(1 + beta)(1 - s lambda), -beta (1 - s lambda)], [1, 0]] (${ends}, beta = ${beta})`,
    };
  }

  // beta_t = (t-1)/(t+2) -> 1: the iteration matrices tend to the beta = 1 one, p = 2(1 - k), q = 1 - k,
  // whose radius is sqrt(1 - k) for 0 < k <= 1. The approach is slow (1 - beta_t = 3/(t+2)), so for
  // t << 1/(s lambda_min) the loss follows the ODE's sublinear t^-3 envelope instead.
  const r = radius((k) => [2 * (1 - k), 1 - k]);
  const rho = r * r;
  const kind: RateKind = rho < 1 ? 'eventually-linear' : kindOf(rho);
  return {
    kind,
    rho,
    note:
      `nesterov (k-1)/(k+2): no linear rate at the ODE scale (the ODE's modes decay like (sqrt(lambda) tau)^-3 in the loss, Su, Boyd & Candes 2016; Bu, Xu & Chen 2020); ` +
      `with a fixed step the iteration matrices tend to beta = 1, whose spectral radius gives rho = max_i r(lambda_i)^2 = ${fmt(rho)} (= 1 - s lambda_min when s lambda_max <= 1), ` +
      `reached only after t >> 1 / (s lambda_min) = ${fmt(lmin > 0 ? 1 / (s * lmin) : Number.POSITIVE_INFINITY)} steps (${ends})`,
  };
}

function kindOf(rho: number): RateKind {
  if (!(rho <= 1)) return 'divergent';
  return rho < 1 ? 'linear' : 'stalled';
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x);
}
