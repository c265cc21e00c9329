/**
 * Debiased exponential moving average, as TensorBoard's smoothing, but set by
 * a time constant in steps instead of a per-point weight, so the same setting
 * smooths the same whatever the record cadence or number of points:
 *
 *   w_i   = exp(-(step_i - step_{i-1}) / tau)
 *   m_i   = w_i m_{i-1} + (1 - w_i) v_i,       m_{-1} = 0
 *   z_i   = w_i z_{i-1} + (1 - w_i),           z_{-1} = 0   (the debias weight)
 *   out_i = m_i / z_i
 *
 * (the first point's w uses the spacing to the next point). With equal
 * spacing z_i = 1 - w^(i+1): exactly TensorBoard's debias 1 - w^k. On a log
 * axis the average runs over log10 values (a geometric mean), since a loss
 * falling ten decades would otherwise be dominated by its first points.
 * Non-finite values are passed through and do not enter the average.
 */
export type SmoothSpace = 'linear' | 'log';

export function emaSmooth(steps: ArrayLike<number>, values: ArrayLike<number>, tau: number, space: SmoothSpace = 'linear'): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (!(tau > 0)) {
    for (let i = 0; i < n; i++) out[i] = values[i]!;
    return out;
  }
  let m = 0;
  let z = 0;
  let prevStep = Number.NaN;
  for (let i = 0; i < n; i++) {
    const raw = values[i]!;
    const v = space === 'log' ? (raw > 0 ? Math.log10(raw) : Number.NaN) : raw;
    if (!Number.isFinite(v)) {
      out[i] = raw;
      continue;
    }
    // The first point has no predecessor: it stands for one record interval, as the ones after it.
    const dt = Number.isNaN(prevStep) ? firstSpacing(steps, i) : Math.max(0, steps[i]! - prevStep);
    const w = Math.exp(-dt / tau);
    m = w * m + (1 - w) * v;
    z = w * z + (1 - w);
    prevStep = steps[i]!;
    const avg = m / z; // z > 0: the first point's spacing is positive
    out[i] = space === 'log' ? 10 ** avg : avg;
  }
  return out;
}

function firstSpacing(steps: ArrayLike<number>, i: number): number {
  for (let j = i + 1; j < steps.length; j++) {
    const d = steps[j]! - steps[i]!;
    if (d > 0) return d;
  }
  return 1;
}
