/**
 * Axis options. A log axis is a true log axis (`type: 'log'`) and stays one:
 * points it cannot show (y <= 0) are dropped by points.ts and counted, the
 * axis never falls back to linear.
 */
import { formatLogTick, formatValue } from './number-format.js';
import type { ChartTheme } from './chart-theme.js';

export type XMode = 'step' | 'time' | 'logstep';
export type YScale = 'linear' | 'log';

export const X_LABELS: Record<XMode, string> = {
  step: 'step',
  time: 'wall time (s)',
  logstep: 'step (log scale)',
};

export interface AxisRange {
  min: number;
  max: number;
}

type AxisOption = Record<string, unknown>;

function common(theme: ChartTheme, name: string): AxisOption {
  return {
    name,
    nameLocation: 'middle',
    nameTextStyle: { color: theme.text, fontSize: 12 },
    axisLine: { lineStyle: { color: theme.axis } },
    axisTick: { lineStyle: { color: theme.axis } },
    axisLabel: { color: theme.subtle },
    splitLine: { lineStyle: { color: theme.split } },
  };
}

/** `view`: the x range in view when zoomed in, so tick labels get the digits that tell them apart. */
export function xAxisOption(mode: XMode, theme: ChartTheme, view?: AxisRange | null): AxisOption {
  const base = { ...common(theme, X_LABELS[mode]), nameGap: 26, splitLine: { show: false } };
  if (mode === 'logstep') return { ...base, type: 'log', logBase: 10, axisLabel: { color: theme.subtle, formatter: formatLogTick } };
  const digits = tickDigits(view ?? null);
  return { ...base, type: 'value', axisLabel: { color: theme.subtle, formatter: (v: number) => formatValue(v, digits) } };
}

/**
 * Significant digits for ticks about a tenth of the range apart: 3 for a
 * whole run; zoomed to steps 494,565 to 505,434 it takes 4 (4.96e5, 4.98e5,
 * not 5.0e5 five times).
 */
export function tickDigits(range: AxisRange | null): number {
  if (!range) return 3;
  const span = range.max - range.min;
  const magnitude = Math.max(Math.abs(range.min), Math.abs(range.max));
  if (!(span > 0) || !(magnitude > 0)) return 3;
  return Math.min(10, Math.max(3, Math.ceil(Math.log10(magnitude / (span / 10))) + 1));
}

/** `name` should carry the unit or scale: `loss (log scale)`. */
export function yAxisOption(scale: YScale, name: string, theme: ChartTheme, range?: AxisRange): AxisOption {
  const base = { ...common(theme, name), nameGap: 50, nameRotate: 90 };
  if (scale === 'log') {
    return {
      ...base,
      type: 'log',
      logBase: 10,
      minorTick: { show: true },
      minorSplitLine: { show: false },
      axisLabel: { color: theme.subtle, formatter: formatLogTick },
      // Whole decades around what is shown (ECharts' own rounding can pad a log axis by ten decades).
      ...(range ? { min: range.min, max: range.max } : { min: decadeBelow, max: decadeAbove }),
    };
  }
  return { ...base, type: 'value', scale: true, axisLabel: { color: theme.subtle, formatter: (v: number) => formatValue(v, 3) }, ...(range ? range : {}) };
}

/** A shared range for panels of one metric; on a log axis widened to whole decades so ticks stay round. */
export function sharedRange(values: Iterable<number>, scale: YScale): AxisRange | undefined {
  return sharedRangeOf([Array.isArray(values) ? values : [...values]], scale);
}

/** The same over several arrays, read in place (a panel's lines may hold a million values each). */
export function sharedRangeOf(arrays: readonly ArrayLike<number>[], scale: YScale): AxisRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v) || (scale === 'log' && v <= 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return undefined;
  if (scale === 'log') return { min: 10 ** Math.floor(Math.log10(min)), max: 10 ** Math.ceil(Math.log10(max) - 1e-12) };
  const pad = (max - min) * 0.05 || Math.abs(max) * 0.05 || 1;
  return { min: min - pad, max: max + pad };
}

export function yAxisName(metric: string, scale: YScale): string {
  const unit = metric === 'time_ms' ? ' (ms)' : '';
  return scale === 'log' ? `${metric}${unit} (log scale)` : `${metric}${unit}`;
}

/** ECharts calls these with the extent of the data in view (zoom included). */
export function decadeBelow(extent: { min: number; max: number }, every = 1): number {
  return extent.min > 0 ? 10 ** (Math.floor(Math.log10(extent.min) / every + 1e-12) * every) : extent.min;
}

export function decadeAbove(extent: { min: number; max: number }, every = 1): number {
  if (!(extent.max > 0)) return extent.max;
  const top = 10 ** (Math.ceil(Math.log10(extent.max) / every - 1e-12) * every);
  // A flat line (min = max at a power of ten) still needs room.
  return top <= decadeBelow(extent, every) ? top * 10 ** every : top;
}

/** Log-axis bounds on multiples of the tick interval (in decades), so ticks land on round powers. */
export function logBounds(every: number): { min: (e: { min: number; max: number }) => number; max: (e: { min: number; max: number }) => number } {
  if (every === 1) return { min: decadeBelow, max: decadeAbove };
  // Ticks count up from the lower bound, so only it must sit on a multiple; the top stays one decade above the data.
  return { min: (e) => decadeBelow(e, every), max: (e) => decadeAbove(e) };
}
