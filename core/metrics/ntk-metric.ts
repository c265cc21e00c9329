/**
 * The `ntk` metric: the spectrum of the empirical NTK Gram H_t on the training
 * inputs (core/ntk/gram.ts) and how far H_t has drifted from H_0:
 *   ntk_lambda_min, ntk_lambda_max   extreme eigenvalues of H_t
 *   ntk_cond                         lambda_max / lambda_min (Infinity when lambda_min <= 0)
 *   ntk_drift                        |H_t - H_0|_F / |H_0|_F
 * In the NTK regime H_t stays near H_0 and the error e = f(X) - y of gradient
 * descent on squared loss evolves as e_{t+1} ~ (I - lr H_0) e_t, so lambda_min
 * and cond govern the linear rate (Du et al. 2019; Bu, Xu & Chen 2020).
 *
 * Cost per record: two n x n x width products per trainable layer, plus an
 * O(n^3) float64 eigen-decomposition; give `ntk` its own `record` cadence on
 * large n. Multi-output models have no scalar NTK: every column is NaN. So is
 * every column when the weights have gone non-finite (a diverging run).
 *
 * The latest H (and H_0) stay available through latestGram() / initialGram(),
 * so a host can write the full matrix out on request.
 */
import type { Metric, MetricContext } from './metric.js';
import { ntkGram } from '../ntk/gram.js';
import { spectrum } from '../ntk/spectrum.js';
import type * as tf from '@tensorflow/tfjs-core';

export interface GramSnapshot {
  step: number;
  /** Number of training points (H is n x n). */
  n: number;
  /** Row-major n x n, symmetric. */
  gram: Float64Array;
}

const NAN_COLUMNS = { ntk_lambda_min: Number.NaN, ntk_lambda_max: Number.NaN, ntk_cond: Number.NaN, ntk_drift: Number.NaN };

export class NtkMetric implements Metric {
  readonly name = 'ntk' as const;
  private h0: GramSnapshot | null = null;
  private latest: GramSnapshot | null = null;

  compute(ctx: MetricContext): Record<string, number> {
    const { arch, objective } = ctx;
    if (arch.sizes[arch.sizes.length - 1] !== 1) return { ...NAN_COLUMNS };
    const x = objective.xTrain;
    const n = x.shape[0];
    const gram = ntkGram(arch, ctx.params, x, ctx.forwardTrain());
    this.latest = { step: ctx.step, n, gram };
    // H_0 from the initial parameters; at step 0 that is the matrix just computed.
    this.h0 ??= ctx.step === 0 ? this.latest : { step: 0, n, gram: gramAt(ctx, ctx.initial) };
    if (!allFinite(gram)) return { ...NAN_COLUMNS };
    const s = spectrum(gram, n);
    return { ntk_lambda_min: s.lambdaMin, ntk_lambda_max: s.lambdaMax, ntk_cond: s.cond, ntk_drift: relativeDistance(gram, this.h0.gram) };
  }

  /** H at the latest recorded step, or null before the first. */
  latestGram(): GramSnapshot | null {
    return this.latest;
  }

  /** H_0, or null before the first record. */
  initialGram(): GramSnapshot | null {
    return this.h0;
  }
}

export function ntkMetric(): NtkMetric {
  return new NtkMetric();
}

function gramAt(ctx: MetricContext, params: readonly tf.Tensor[]): Float64Array {
  return ntkGram(ctx.arch, params, ctx.objective.xTrain);
}

/** |a - b|_F / |b|_F (NaN when b = 0). */
export function relativeDistance(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = a[i]! - b[i]!;
    num += diff * diff;
    den += b[i]! * b[i]!;
  }
  return den > 0 ? Math.sqrt(num / den) : Number.NaN;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
