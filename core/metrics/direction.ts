/**
 * The `dir_cos` metric: cos(beta, w*) = beta.w* / (|beta| |w*|), where w* is
 * the linear teacher (Dataset.teacher) and beta the model's effective linear
 * predictor (Lin & Zhang 2021 study the angle between them):
 * - A linear network (activation `identity`, or no hidden layer) computes
 *   f(x) = x.beta + const with
 *     beta = c_0 W_0 c_1 W_1 ... c_{L-1} W_{L-1}    (a d-vector; W_l is fan_in x fan_out)
 *   exactly; biases only add the constant, so they do not change beta.
 * - Any other network: the least-squares linear fit of f on the training
 *   inputs, beta = argmin |X beta - f(X)|^2 (no intercept), taken as
 *   beta = pinv(X) f(X): the unique solution when X has full column rank
 *   (d <= n), the minimum-norm one otherwise (d > n, or collinear inputs).
 *   pinv(X) comes from an SVD (ml-matrix, singular values below
 *   eps * max(n, d) * sigma_max dropped, as LAPACK's rcond rule), computed once
 *   per run since X does not change; each record is then one d x n product.
 * All in float64 from the float32 weights, so 1 - cos keeps its precision
 * near 1 (the angle is what converges).
 * NaN when undefined: no teacher, a teacher of another dimension, a
 * multi-output model, beta = 0, or non-finite weights.
 */
import { Matrix, pseudoInverse } from 'ml-matrix';
import type * as tf from '@tensorflow/tfjs-core';
import type { Metric, MetricContext } from './metric.js';
import { layerCount, weightScale, type Architecture } from '../nn/architecture.js';
import { layerParams } from '../nn/mlp.js';

/** Whether f is linear in x, so that beta is the weight product. */
export function isLinearNetwork(arch: Architecture): boolean {
  return arch.activation === 'identity' || arch.sizes.length === 2;
}

/** beta = c_0 W_0 c_1 W_1 ... c_{L-1} W_{L-1} for a scalar-output network, in float64. */
export function weightProduct(arch: Architecture, params: readonly tf.Tensor[]): Float64Array {
  const L = layerCount(arch);
  // Right to left, so that every step is a matrix-vector product: v <- c_l W_l v.
  let v = Float64Array.of(1);
  for (let l = L - 1; l >= 0; l--) {
    const rows = arch.sizes[l]!;
    const cols = arch.sizes[l + 1]!;
    const w = layerParams(arch, params, l).w.dataSync();
    const c = weightScale(arch, l);
    const next = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += w[i * cols + j]! * v[j]!;
      next[i] = c * s;
    }
    v = next;
  }
  return v;
}

/** beta = pinv * f with pinv d x n (an ml-matrix) and f of length n. */
export function applyPseudoInverse(pinv: Matrix, f: ArrayLike<number>): Float64Array {
  const d = pinv.rows;
  const n = pinv.columns;
  const beta = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const row = pinv.getRow(i);
    let s = 0;
    for (let k = 0; k < n; k++) s += row[k]! * f[k]!;
    beta[i] = s;
  }
  return beta;
}

/** pinv(X) for the row-major n x d inputs x. */
export function inputPseudoInverse(x: ArrayLike<number>, n: number, d: number): Matrix {
  return pseudoInverse(Matrix.from1DArray(n, d, Array.from(x)));
}

/** cos(a, b) in float64; NaN when either is zero or non-finite. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  if (!(aa > 0 && bb > 0) || !Number.isFinite(aa) || !Number.isFinite(bb)) return Number.NaN;
  // Clamp rounding just outside [-1, 1].
  return Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)));
}

export class DirectionMetric implements Metric {
  readonly name = 'dir_cos' as const;
  private pinv: Matrix | null = null;

  compute(ctx: MetricContext): Record<string, number> {
    const teacher = ctx.data.teacher;
    const { arch } = ctx;
    if (!teacher || teacher.length !== ctx.data.d || arch.sizes[arch.sizes.length - 1] !== 1) return { dir_cos: Number.NaN };
    return { dir_cos: cosine(this.predictor(ctx), teacher) };
  }

  /** The effective linear predictor beta at this step. */
  predictor(ctx: MetricContext): Float64Array {
    if (isLinearNetwork(ctx.arch)) return weightProduct(ctx.arch, ctx.params);
    const { train, d } = ctx.data;
    this.pinv ??= inputPseudoInverse(train.x, train.n, d);
    return applyPseudoInverse(this.pinv, ctx.forwardTrain().out.dataSync());
  }
}

export function directionMetric(): DirectionMetric {
  return new DirectionMetric();
}
