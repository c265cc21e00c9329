/**
 * The limiting ODEs of the optimizers on the linearized model, per mode of H_0
 * (docs/science.md, "Theory overlays"). With s = c lr the effective step and
 * a(tau) the coordinate of the error on an eigenvector with eigenvalue lambda:
 *
 *   gd, sgd                 a' = -lambda a,                           tau = s t
 *   heavy-ball, nesterov    a'' + alpha a' + lambda a = 0,            tau = t sqrt(s),
 *   (constant beta)         alpha = (1 - beta) / sqrt(s)
 *   nesterov (k-1)/(k+2)    a'' + (3/tau) a' + lambda a = 0,          tau = t sqrt(s)
 *
 * from a(0) = u . e_0 and a'(0) = 0. The heavy-ball scaling: heavy ball is
 *   x_{t+1} - 2 x_t + x_{t-1} = -(1 - beta)(x_t - x_{t-1}) - s g(x_t).
 * Put x_t = X(t h) with h = sqrt(s): the left side is s X'' + O(s^2), and
 * (1 - beta)(x_t - x_{t-1}) = (1 - beta)(h X' - s X''/2 + ...). Dividing by s
 * with alpha = (1 - beta)/h held fixed, X'' + alpha X' + g(X) = O(sqrt(s)).
 * Nesterov with a constant beta has the same limit (its gradient is taken at
 * y_t = x_t + O(h)). The (k-1)/(k+2) schedule gives Su, Boyd & Candes' (2016)
 * ODE with x_k ~ X(k sqrt(s)). x_{-1} = x_0 makes X'(0) = 0.
 *
 * Integration: fixed-step classical RK4 per mode, the step chosen in the
 * mode's own time unit: dtau <= H / lambda (gradient flow),
 * H / max(alpha, sqrt(lambda)) (damped), H / sqrt(lambda) (Nesterov), with
 * H = RK4_STEP = 0.05, and a whole number of equal RK4 steps between the
 * times the solution is needed (every optimizer step for the constant-
 * coefficient equations, every requested step for Nesterov's). RK4's global
 * error is O(H^4) per unit of that time: at H = 0.05 about 5e-8 per unit on
 * a(tau) for a(0) = 1 (test/core/theory/ode.test.ts: <= 2.1e-7 against the
 * closed forms over up to 45 units). The constant-coefficient equations are
 * linear, so one RK4 step is the matrix polynomial
 * P(dtau A) = I + dtau A + ... + (dtau A)^4/24, raised once to the number of
 * RK4 steps per optimizer step, then to the number of optimizer steps.
 *
 * The 3/tau singularity: at tau = 0 the solution is regular with a'(0) = 0,
 * and a(tau) = a(0) phi(sqrt(lambda) tau) with the Frobenius series
 *   phi(z) = sum_k (-1)^k (z/2)^{2k} / (k! (k+1)!)
 * (Su, Boyd & Candes 2016, section 3). The series gives (a, a') up to
 * z = SERIES_END = 0.5 (truncation error < 1e-20); RK4 starts there, where the
 * damping 3/tau times the RK4 step is at most 3 H / 0.5 = 0.3.
 *
 * Cost per requested step: O(n) (gradient flow), O(n log k) for k optimizer
 * steps since the last one (damped), and O(sum_i ceil(sqrt(lambda_i) dtau k / H))
 * RK4 steps for the schedule: with s lambda_max = 1 and n = 512, about
 * 0.1 ms per optimizer step when most eigenvalues are small and 0.3 ms when
 * they are spread evenly up to lambda_max (one core of the dev machine).
 */
import type { OptimizerSpec } from '../spec/schema.js';
import type { SymmetricEigen } from '../ntk/spectrum.js';
import { curvatures, trajectoryLosses } from './linearized.js';
import type { Reduction, TheoryOptimizer } from './optimizer.js';

/** RK4 step in each mode's own time unit (see above). */
export const RK4_STEP = 0.05;
/** The Nesterov ODE is solved by its series up to sqrt(lambda) tau = SERIES_END. */
export const SERIES_END = 0.5;
const SERIES_TERMS = 10;

export type LimitOde =
  | { kind: 'gradient-flow'; dtau: number }
  | { kind: 'damped'; damping: number; dtau: number }
  | { kind: 'nesterov'; dtau: number };

/** The limiting ODE of an optimizer with effective step s = c lr; dtau is the ODE time of one step. */
export function limitOde(opt: TheoryOptimizer, scale: number): LimitOde {
  const s = scale * opt.lr;
  if (opt.kind === 'gd') return { kind: 'gradient-flow', dtau: s };
  const h = Math.sqrt(s);
  if (opt.kind === 'nesterov' && typeof opt.beta !== 'number') return { kind: 'nesterov', dtau: h };
  return { kind: 'damped', damping: (1 - (opt.beta as number)) / h, dtau: h };
}

/** One mode's state (a, a') as a 2-vector; M is a row-major 2 x 2 matrix. */
type Mat2 = [number, number, number, number];

/**
 * The ODE solution per mode, advanced as later steps are asked for (records
 * arrive in increasing step order).
 */
export class OdeTrajectory {
  readonly ode: LimitOde;
  private readonly lambda: Float64Array;
  private readonly a: Float64Array;
  private readonly v: Float64Array;
  /** Per-mode propagator over one optimizer step (damped) or factor (gradient flow). */
  private readonly prop: Mat2[] = [];
  private readonly factor: Float64Array;
  private t = 0;

  constructor(
    values: ArrayLike<number>,
    private readonly coeffs: ArrayLike<number>,
    opt: TheoryOptimizer,
    private readonly scale: number,
  ) {
    if (values.length !== coeffs.length) throw new Error('one coefficient per eigenvalue');
    this.ode = limitOde(opt, scale);
    this.lambda = curvatures(values);
    this.a = Float64Array.from(coeffs);
    this.v = new Float64Array(values.length);
    this.factor = new Float64Array(values.length);
    const ode = this.ode;
    if (ode.kind === 'gradient-flow') {
      this.lambda.forEach((l, i) => {
        const m = Math.max(1, Math.ceil((l * ode.dtau) / RK4_STEP));
        this.factor[i] = rk4Poly(-l * (ode.dtau / m)) ** m;
      });
    } else if (ode.kind === 'damped') {
      for (const l of this.lambda) {
        const m = Math.max(1, Math.ceil((ode.dtau * Math.max(ode.damping, Math.sqrt(l))) / RK4_STEP));
        this.prop.push(matPow(rk4Matrix(l, ode.damping, ode.dtau / m), m));
      }
    }
  }

  get step(): number {
    return this.t;
  }

  /** ODE time of optimizer step t. */
  time(t: number): number {
    return t * this.ode.dtau;
  }

  /** The ODE's loss (c/2) sum_i a_i(tau_t)^2 at step t (t >= step). */
  lossAt(t: number): number {
    if (!Number.isInteger(t) || t < this.t) throw new Error(`steps must be asked for in increasing order (at ${this.t}, asked ${t})`);
    let sum = 0;
    if (this.ode.kind === 'gradient-flow') {
      // a_i(tau_t) = a_i(0) g_i^t with g_i the RK4 factor of one optimizer step.
      this.t = t;
      for (let i = 0; i < this.a.length; i++) {
        const ai = this.coeffs[i]! * this.factor[i]! ** t;
        sum += ai * ai;
      }
      return 0.5 * this.scale * sum;
    }
    if (t > this.t) {
      if (this.ode.kind === 'damped') this.advanceDamped(t - this.t);
      else this.advanceNesterov(this.t * this.ode.dtau, t * this.ode.dtau);
      this.t = t;
    }
    for (let i = 0; i < this.a.length; i++) sum += this.a[i]! * this.a[i]!;
    return 0.5 * this.scale * sum;
  }

  /**
   * The mode's amplitude a_i at the current step (for tests and plots).
   */
  amplitude(i: number): number {
    if (this.ode.kind === 'gradient-flow') return this.coeffs[i]! * this.factor[i]! ** this.t;
    return this.a[i]!;
  }

  /** k optimizer steps of the damped ODE: the one-step propagator to the k-th power, per mode. */
  private advanceDamped(k: number): void {
    for (let i = 0; i < this.a.length; i++) {
      const [m00, m01, m10, m11] = k === 1 ? this.prop[i]! : matPow(this.prop[i]!, k);
      const a = this.a[i]!;
      const v = this.v[i]!;
      this.a[i] = m00 * a + m01 * v;
      this.v[i] = m10 * a + m11 * v;
    }
  }

  /**
   * a'' + (3/tau) a' + lambda a = 0 from tau = from to tau = to for every mode,
   * in equal RK4 steps of at most RK4_STEP / sqrt(lambda) (the solution is only
   * needed at the requested steps, so it is not stopped at every optimizer step).
   */
  private advanceNesterov(from: number, to: number): void {
    for (let i = 0; i < this.a.length; i++) {
      const l = this.lambda[i]!;
      if (l === 0) continue; // a stays a(0), a' stays 0
      const w = Math.sqrt(l);
      const c = this.coeffs[i]!;
      if (w * to <= SERIES_END) {
        this.a[i] = c * besselRatio(w * to);
        this.v[i] = c * w * besselRatioDerivative(w * to);
        continue;
      }
      let start = from;
      if (w * from < SERIES_END) {
        start = SERIES_END / w;
        this.a[i] = c * besselRatio(SERIES_END);
        this.v[i] = c * w * besselRatioDerivative(SERIES_END);
      }
      const m = Math.max(1, Math.ceil((w * (to - start)) / RK4_STEP));
      const state = rk4Nesterov(this.a[i]!, this.v[i]!, l, start, (to - start) / m, m);
      this.a[i] = state[0];
      this.v[i] = state[1];
    }
  }
}

/** RK4's factor for y' = z y / dtau over one step: 1 + z + z^2/2 + z^3/6 + z^4/24. */
export function rk4Poly(z: number): number {
  return 1 + z * (1 + z * (1 / 2 + z * (1 / 6 + z / 24)));
}

/** One RK4 step of (a, v)' = A (a, v), A = [[0, 1], [-lambda, -alpha]]: P(dt A). */
function rk4Matrix(lambda: number, alpha: number, dt: number): Mat2 {
  const z: Mat2 = [0, dt, -lambda * dt, -alpha * dt];
  const z2 = matMul(z, z);
  const z3 = matMul(z2, z);
  const z4 = matMul(z3, z);
  return [0, 1, 2, 3].map((k) => (k === 0 || k === 3 ? 1 : 0) + z[k]! + z2[k]! / 2 + z3[k]! / 6 + z4[k]! / 24) as Mat2;
}

function matMul(p: Mat2, q: Mat2): Mat2 {
  return [p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3], p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3]];
}

/** p^m by squaring. */
function matPow(p: Mat2, m: number): Mat2 {
  let out: Mat2 = [1, 0, 0, 1];
  let base = p;
  for (let k = m; k > 0; k >>= 1) {
    if (k & 1) out = matMul(out, base);
    base = matMul(base, base);
  }
  return out;
}

/** m RK4 steps of size dt of a'' + (3/tau) a' + lambda a = 0 from tau0 > 0. */
function rk4Nesterov(a0: number, v0: number, lambda: number, tau0: number, dt: number, m: number): [number, number] {
  let a = a0;
  let v = v0;
  let tau = tau0;
  const acc = (x: number, y: number, at: number): number => -lambda * x - (3 / at) * y;
  for (let k = 0; k < m; k++) {
    const half = tau + dt / 2;
    const k1a = v;
    const k1v = acc(a, v, tau);
    const k2a = v + (dt / 2) * k1v;
    const k2v = acc(a + (dt / 2) * k1a, k2a, half);
    const k3a = v + (dt / 2) * k2v;
    const k3v = acc(a + (dt / 2) * k2a, k3a, half);
    const k4a = v + dt * k3v;
    const k4v = acc(a + dt * k3a, k4a, tau + dt);
    a += (dt / 6) * (k1a + 2 * k2a + 2 * k3a + k4a);
    v += (dt / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
    tau = tau0 + (k + 1) * dt;
  }
  return [a, v];
}

/** phi(z) = 2 J_1(z) / z by its series (used for z <= SERIES_END only). */
function besselRatio(z: number): number {
  const q = (z / 2) ** 2;
  let term = 1; // (-1)^k q^k / (k! (k+1)!)
  let sum = 1;
  for (let k = 1; k < SERIES_TERMS; k++) {
    term *= -q / (k * (k + 1));
    sum += term;
  }
  return sum;
}

/** phi'(z) = sum_{k>=1} (-1)^k k (z/2)^{2k-1} / (k! (k+1)!). */
function besselRatioDerivative(z: number): number {
  const q = (z / 2) ** 2;
  let term = 1;
  let sum = 0;
  for (let k = 1; k < SERIES_TERMS; k++) {
    term *= -q / (k * (k + 1));
    sum += (term * k * 2) / z;
  }
  return z === 0 ? 0 : sum;
}

/**
 * The ODE's loss at each requested step (any order), at the ODE time of that
 * step, for the run's optimizer (e0 = f_0(X) - y, spectrum of H_0).
 */
export function odeLosses(
  spectrum: SymmetricEigen,
  e0: ArrayLike<number>,
  optimizer: OptimizerSpec,
  steps: readonly number[],
  reduction: Reduction = 'sum',
): Float64Array {
  return trajectoryLosses(OdeTrajectory, spectrum, e0, optimizer, steps, reduction);
}
