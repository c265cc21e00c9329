/**
 * The linearized-NTK prediction of the loss under the run's own optimizer
 * (docs/science.md, "Theory overlays").
 *
 * Linearizing the network at theta_0, f_t = f_0 + J_0 (theta_t - theta_0), makes
 * the error e_t = f_t(X) - y move exactly as the optimizer's iterates move,
 * with the parameter gradient c J_0^T e replaced by its image c H_0 e
 * (H_0 = J_0 J_0^T; c = 1 for reduction `sum`, 1/n for `mean`):
 *   gd          e_{t+1} = e_t - s H_0 e_t
 *   heavy-ball  e_{t+1} = e_t - s H_0 e_t + beta (e_t - e_{t-1}),        e_{-1} = e_0
 *   nesterov    y_t = e_t + beta_t (e_t - e_{t-1}),  e_{t+1} = y_t - s H_0 y_t
 * with s = c lr. In the eigenbasis H_0 = sum_i lambda_i u_i u_i^T every mode
 * a_i(t) = u_i . e_t follows the scalar recursion with lambda_i in place of
 * H_0, from a_i(0) = a_i(-1) = u_i . e_0; the eigenbasis is complete, so
 *   L_t = (c/2) |e_t|^2 = (c/2) sum_i a_i(t)^2.
 * For a linear model J is constant and this is exact.
 */
import type { OptimizerSpec } from '../spec/schema.js';
import type { SymmetricEigen } from '../ntk/spectrum.js';
import { lossScale, momentumAt, theoryOptimizer, type Reduction, type TheoryOptimizer } from './optimizer.js';

/** The coordinates u_i . e_0 of the initial error in the eigenbasis (eigenvectors are the rows). */
export function modeCoefficients(eigen: SymmetricEigen, e0: ArrayLike<number>): Float64Array {
  const n = eigen.values.length;
  if (e0.length !== n) throw new Error(`the error has ${e0.length} entries, the spectrum ${n}`);
  const c = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += eigen.vectors[k * n + i]! * e0[i]!;
    c[k] = dot;
  }
  return c;
}

/**
 * Eigenvalues as curvatures: H_0 is positive semi-definite, so a negative
 * eigenvalue is rounding (H is summed in float32) and counts as 0; left as
 * it is, it would make that mode grow by (1 + s|lambda|) per step.
 */
export function curvatures(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values, (v) => Math.max(0, v));
}

/**
 * The per-mode recursion, advanced one step at a time as later steps are
 * asked for (a metric's records come in increasing step order). O(n) per step.
 */
export class LinearizedTrajectory {
  private readonly k: Float64Array;
  private a: Float64Array;
  private prev: Float64Array;
  private t = 0;

  /**
   * @param values eigenvalues lambda_i of H_0
   * @param coeffs a_i(0) = u_i . e_0
   * @param scale  c in L = (c/2)|e|^2 (lossScale); the effective step is c lr
   */
  constructor(
    values: ArrayLike<number>,
    coeffs: ArrayLike<number>,
    private readonly opt: TheoryOptimizer,
    private readonly scale: number,
  ) {
    if (values.length !== coeffs.length) throw new Error('one coefficient per eigenvalue');
    const s = scale * opt.lr;
    this.k = curvatures(values).map((l) => s * l);
    this.a = Float64Array.from(coeffs);
    this.prev = Float64Array.from(coeffs); // e_{-1} = e_0
  }

  /** The step the recursion stands at. */
  get step(): number {
    return this.t;
  }

  /** Predicted loss at step t (t >= step; the recursion advances to t). */
  lossAt(t: number): number {
    if (!Number.isInteger(t) || t < this.t) throw new Error(`steps must be asked for in increasing order (at ${this.t}, asked ${t})`);
    while (this.t < t) this.advance();
    let sum = 0;
    for (let i = 0; i < this.a.length; i++) sum += this.a[i]! * this.a[i]!;
    return 0.5 * this.scale * sum;
  }

  /** One step of the recursion, for every mode: next = y - k (y for Nesterov, a otherwise). */
  private advance(): void {
    const beta = momentumAt(this.opt, this.t);
    const atY = this.opt.kind === 'nesterov';
    const { a, prev, k } = this;
    for (let i = 0; i < a.length; i++) {
      const ai = a[i]!;
      const y = ai + beta * (ai - prev[i]!);
      prev[i] = y - k[i]! * (atY ? y : ai); // written into prev, then swapped
    }
    this.prev = a;
    this.a = prev;
    this.t += 1;
  }
}

/**
 * The linearized loss at each requested step (any order) for the run's
 * optimizer, with e0 = f_0(X) - y and H_0 = spectrum. The recursion runs once,
 * up to the largest step: O(n max(steps)).
 */
export function linearizedLosses(
  spectrum: SymmetricEigen,
  e0: ArrayLike<number>,
  optimizer: OptimizerSpec,
  steps: readonly number[],
  reduction: Reduction = 'sum',
): Float64Array {
  return trajectoryLosses(LinearizedTrajectory, spectrum, e0, optimizer, steps, reduction);
}

/** A per-mode trajectory that can be advanced to increasing steps (discrete or ODE). */
export type TrajectoryClass = new (values: ArrayLike<number>, coeffs: Float64Array, opt: TheoryOptimizer, scale: number) => {
  lossAt(t: number): number;
};

/** Losses of a trajectory built from H_0's spectrum and e_0, at steps given in any order. */
export function trajectoryLosses(
  Trajectory: TrajectoryClass,
  spectrum: SymmetricEigen,
  e0: ArrayLike<number>,
  optimizer: OptimizerSpec,
  steps: readonly number[],
  reduction: Reduction,
): Float64Array {
  const n = spectrum.values.length;
  const traj = new Trajectory(spectrum.values, modeCoefficients(spectrum, e0), theoryOptimizer(optimizer), lossScale(reduction, n));
  return inStepOrder(steps, (t) => traj.lossAt(t));
}

/** Evaluate an incremental trajectory at steps given in any order. */
export function inStepOrder(steps: readonly number[], at: (t: number) => number): Float64Array {
  const out = new Float64Array(steps.length);
  const order = Array.from(steps.keys()).sort((p, q) => steps[p]! - steps[q]!);
  for (const j of order) out[j] = at(steps[j]!);
  return out;
}
