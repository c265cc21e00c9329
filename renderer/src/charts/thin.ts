/**
 * What a chart hands ECharts for a line of any length: at most a few thousand
 * points. Inside the zoom window, LTTB of the points there (so zooming in shows
 * more detail); outside it, LTTB of the whole line (the overview), which keeps
 * the axis extent, the slider's preview and panning right until the next
 * re-thin. A line is packed once per axis setup (prepareLine, cached by
 * LineCache); each zoom then costs one LTTB over the window's slice.
 */
import type { XMode, YScale } from './axes.js';
import { packPoints } from './points.js';
import { gatherPoints, lttbIndices } from './lttb.js';

export interface XRange {
  from: number;
  to: number;
}

/** Points a series may keep in view: about one per device pixel (ECharts' own LTTB then has nothing left to drop). */
export const MIN_BUDGET = 200;
export const MAX_BUDGET = 4000;

export function pointBudget(plotWidthPx: number, dpr = 1): number {
  return Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, Math.round(plotWidthPx * (dpr || 1))));
}

/** The parts of a packed line (or band edge) that choosing points needs. */
interface Selectable {
  count: number;
  /** The points in the space they are drawn in: log10 on a log axis. */
  shape: Float64Array;
  /** x never decreases, so a zoom window is a slice found by binary search. */
  sorted: boolean;
  /** LTTB of the whole line, by budget (panels of different widths may share a line). */
  overviews: Map<number, Uint32Array>;
}

export interface PreparedLine extends Selectable {
  /** Drawable (x, y) pairs, as packPoints makes them. */
  xy: Float64Array;
  droppedNonPositive: number;
  yMin: number;
  yMax: number;
}

export interface PreparedBand extends Selectable {
  /** Lower edge and width (upper − lower) at the same x's: ECharts stacks them by x. */
  lower: Float64Array;
  width: Float64Array;
}

function shapeOf(xy: Float64Array, logX: boolean, logY: boolean): Float64Array {
  if (!logX && !logY) return xy;
  const out = new Float64Array(xy.length);
  for (let i = 0; i < xy.length; i += 2) {
    out[i] = logX ? Math.log10(xy[i]!) : xy[i]!;
    out[i + 1] = logY ? Math.log10(xy[i + 1]!) : xy[i + 1]!;
  }
  return out;
}

function isSorted(xy: Float64Array): boolean {
  for (let i = 2; i < xy.length; i += 2) if (xy[i]! < xy[i - 2]!) return false;
  return true;
}

export function prepareLine(steps: ArrayLike<number>, time: ArrayLike<number>, values: ArrayLike<number>, xMode: XMode, yScale: YScale): PreparedLine {
  return extendLine(null, steps, time, values, 0, xMode, yScale);
}

/** `part` after the first `used` entries of `into` (whose buffer may have room: it is written in place), doubling when full. */
function appendTo(into: Float64Array | null, part: Float64Array): Float64Array {
  const used = into?.length ?? 0;
  const need = used + part.length;
  if (into && into.byteOffset === 0 && into.buffer.byteLength >= need * 8) {
    const out = new Float64Array(into.buffer, 0, need);
    out.set(part, used);
    return out;
  }
  const grown = new Float64Array(Math.max(need, 2 * used, 64));
  if (into) grown.set(into);
  grown.set(part, used);
  return grown.subarray(0, need);
}

/**
 * `line` (prepared from rows [0, from) of the same arrays; null: none) with
 * rows [from, values.length) packed onto it. A streaming run only ever appends
 * rows, so each redraw packs what is new instead of the whole run. The
 * returned line is a new object; `line` itself stays valid (its arrays are
 * views of the first points, which are never written again).
 */
export function extendLine(
  line: PreparedLine | null,
  steps: ArrayLike<number>,
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  from: number,
  xMode: XMode,
  yScale: YScale,
): PreparedLine {
  const slice = (a: ArrayLike<number>): ArrayLike<number> =>
    from === 0 ? a : ArrayBuffer.isView(a) ? (a as unknown as Float64Array).subarray(from) : Array.prototype.slice.call(a, from);
  const packed = packPoints(slice(steps), slice(time), slice(values), xMode, yScale);
  const part = packed.data;
  let yMin = line?.yMin ?? Infinity;
  let yMax = line?.yMax ?? -Infinity;
  for (let i = 1; i < part.length; i += 2) {
    const y = part[i]!;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  const joinsSorted = !line || line.count === 0 || part.length === 0 || part[0]! >= line.xy[2 * line.count - 2]!;
  const logX = xMode === 'logstep';
  const logY = yScale === 'log';
  const xy = appendTo(line?.xy ?? null, part);
  return {
    xy,
    count: xy.length / 2,
    droppedNonPositive: (line?.droppedNonPositive ?? 0) + packed.droppedNonPositive,
    shape: logX || logY ? appendTo(line?.shape ?? null, shapeOf(part, logX, logY)) : xy,
    sorted: (line?.sorted ?? true) && joinsSorted && isSorted(part),
    overviews: new Map(),
    yMin,
    yMax,
  };
}

/**
 * A mean ± std band against steps: points where the lower edge can be drawn
 * (a log axis drops lower ≤ 0); a width that is not finite becomes 0.
 */
export function prepareBand(steps: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>, xMode: XMode, yScale: YScale): PreparedBand {
  const n = lower.length;
  const lo = new Float64Array(n * 2);
  const wd = new Float64Array(n * 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = steps[i]!;
    const y = lower[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y) || (yScale === 'log' && y <= 0) || (xMode === 'logstep' && x <= 0)) continue;
    const w = upper[i]! - y;
    lo[k] = x;
    lo[k + 1] = y;
    wd[k] = x;
    wd[k + 1] = Number.isFinite(w) ? w : 0;
    k += 2;
  }
  const lowerXy = lo.subarray(0, k);
  return {
    lower: lowerXy,
    width: wd.subarray(0, k),
    count: k / 2,
    shape: shapeOf(lowerXy, xMode === 'logstep', yScale === 'log'),
    sorted: isSorted(lowerXy),
    overviews: new Map(),
  };
}

/** First point index in [0, count) whose x is >= v (strict: > v). */
function searchX(xy: Float64Array, count: number, v: number, strict: boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = xy[2 * mid]!;
    if (x < v || (strict && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Selection {
  /** Point indices to draw, increasing; null: all of them. */
  indices: Uint32Array | null;
  inView: number;
  keptInView: number;
}

/** Overviews kept per line: a few panel widths at once. */
const KEPT_OVERVIEWS = 3;

function overviewOf(s: Selectable, budget: number): Uint32Array {
  let indices = s.overviews.get(budget);
  if (!indices) {
    if (s.overviews.size >= KEPT_OVERVIEWS) s.overviews.clear();
    indices = lttbIndices(s.shape, 0, s.count, budget);
    s.overviews.set(budget, indices);
  }
  return indices;
}

function select(s: Selectable, xy: Float64Array, view: XRange | null, budget: number): Selection {
  const windowed = view !== null && s.sorted && view.from <= view.to;
  const lo = windowed ? searchX(xy, s.count, view.from, false) : 0;
  const hi = windowed ? searchX(xy, s.count, view.to, true) : s.count;
  const inView = hi - lo;
  if (s.count <= budget) return { indices: null, inView, keptInView: inView };
  if (lo === 0 && hi === s.count) {
    const all = overviewOf(s, budget);
    return { indices: all, inView, keptInView: all.length };
  }
  const detail = lttbIndices(s.shape, lo, hi, budget);
  const overview = overviewOf(s, budget);
  // Overview points left of the window, the window's own, then overview points right of it.
  let before = 0;
  while (before < overview.length && overview[before]! < lo) before++;
  let after = overview.length;
  while (after > before && overview[after - 1]! >= hi) after--;
  const out = new Uint32Array(before + detail.length + (overview.length - after));
  out.set(overview.subarray(0, before), 0);
  out.set(detail, before);
  out.set(overview.subarray(after), before + detail.length);
  return { indices: out, inView, keptInView: detail.length };
}

export interface ThinnedLine {
  /** (x, y) pairs for ECharts. */
  data: Float64Array;
  /** Points of the line inside the view (all of them without one). */
  inView: number;
  /** How many of those `data` keeps. */
  keptInView: number;
}

/** The points to draw of a prepared line, for the x range in view (null: all), at most ~2 × budget. */
export function thinLine(line: PreparedLine, view: XRange | null, budget: number): ThinnedLine {
  const s = select(line, line.xy, view, budget);
  return { data: s.indices ? gatherPoints(line.xy, s.indices) : line.xy, inView: s.inView, keptInView: s.keptInView };
}

/** The same for a band: both edges keep the points chosen on the lower edge, so they stay aligned. */
export function thinBand(band: PreparedBand, view: XRange | null, budget: number): { lower: Float64Array; width: Float64Array } {
  const s = select(band, band.lower, view, budget);
  if (!s.indices) return { lower: band.lower, width: band.width };
  return { lower: gatherPoints(band.lower, s.indices), width: gatherPoints(band.width, s.indices) };
}
