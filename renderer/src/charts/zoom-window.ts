/**
 * The zoom window of a chart as ECharts reports it: after every update it
 * fills its dataZoom option with the window in percent (`start`, `end`) and in
 * axis values (`startValue`, `endValue`), which getOption() hands out.
 */
import type { XRange } from './thin.js';

export interface ZoomOption {
  start?: unknown;
  end?: unknown;
  startValue?: unknown;
  endValue?: unknown;
}

export interface ZoomState {
  /** The x range in view. */
  range: XRange;
  /** The same when zoomed in; null when everything is in view (so a growing line stays whole). */
  view: XRange | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function zoomOf(dz: ZoomOption | undefined): ZoomState | null {
  const a = num(dz?.startValue);
  const b = num(dz?.endValue);
  if (a === null || b === null) return null;
  const range = { from: Math.min(a, b), to: Math.max(a, b) };
  const whole = (num(dz?.start) ?? 0) <= 0 && (num(dz?.end) ?? 100) >= 100;
  return { range, view: whole ? null : range };
}

/** `from to`, for a data attribute; empty before the first drawing. */
export function formatRange(r: XRange | null): string {
  return r ? `${r.from} ${r.to}` : '';
}

export function sameRange(a: XRange | null, b: XRange | null): boolean {
  return a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);
}
