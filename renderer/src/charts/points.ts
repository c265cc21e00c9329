/**
 * Series data for ECharts: (x, y) pairs packed in one Float64Array
 * [x0, y0, x1, y1, ...], which ECharts reads without per-point objects.
 * Points an axis cannot show are left out and counted, so the chart can say so.
 */
import type { XMode, YScale } from './axes.js';

export interface Packed {
  data: Float64Array;
  count: number;
  /** y <= 0 on a log y axis, or step <= 0 on a log x axis. */
  droppedNonPositive: number;
}

export function packPoints(
  steps: ArrayLike<number>,
  timeMs: ArrayLike<number>,
  values: ArrayLike<number>,
  xMode: XMode,
  yScale: YScale,
): Packed {
  const n = values.length;
  const data = new Float64Array(n * 2);
  let k = 0;
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    // NaN is "not recorded here"; Infinity (a diverged step) cannot be drawn either.
    if (!Number.isFinite(y)) continue;
    const x = xMode === 'time' ? timeMs[i]! / 1000 : steps[i]!;
    if (!Number.isFinite(x)) continue;
    if ((yScale === 'log' && y <= 0) || (xMode === 'logstep' && x <= 0)) {
      dropped++;
      continue;
    }
    data[k++] = x;
    data[k++] = y;
  }
  return { data: data.subarray(0, k), count: k / 2, droppedNonPositive: dropped };
}

/**
 * How many of `count` points ECharts' LTTB sampling keeps on a plot `widthPx`
 * wide (its dataSample processor: rate = round(count / (width × dpr)), then
 * one point per bucket of `rate`). Returns `count` when no sampling applies.
 */
export function sampledCount(count: number, widthPx: number, dpr = 1): number {
  if (count <= 10 || !(widthPx > 0)) return count;
  const rate = Math.round(count / (widthPx * (dpr || 1)));
  if (!Number.isFinite(rate) || rate <= 1) return count;
  return Math.min(count, Math.ceil(count / rate));
}
