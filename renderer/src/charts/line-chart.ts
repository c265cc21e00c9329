/**
 * The one line-chart option builder (pure: data in, ECharts option out, no
 * DOM): runs as lines, optional faded raw lines under smoothed ones, dashed
 * theory overlays, mean ± std bands, a true log axis when asked, LTTB
 * thinning for the zoom window (thin.ts) and ECharts' own LTTB sampling,
 * zoom, crosshair. Live and compare views both use it.
 */
import type { ChartTheme } from './chart-theme.js';
import { logBounds, xAxisOption, yAxisOption, type AxisRange, type XMode, type YScale } from './axes.js';
import { sampledCount } from './points.js';
import { pointBudget, thinBand, thinLine, type XRange } from './thin.js';
import { createLineCache, type LineCache } from './line-cache.js';
import { formatValue } from './number-format.js';
import { middleEllipsis } from '../util/middle-ellipsis.js';

export type LineRole = 'data' | 'raw' | 'theory';

export interface LineInput {
  id: string;
  name: string;
  color: string;
  steps: ArrayLike<number>;
  time: ArrayLike<number>;
  values: ArrayLike<number>;
  /** raw: the unsmoothed line drawn faintly under its smoothed twin; theory: dashed overlay. */
  role?: LineRole;
  /** Theory overlays of one run differ by dash (linearized dashed, ODE dotted). */
  dash?: 'dashed' | 'dotted';
}

export interface BandInputSeries {
  id: string;
  name: string;
  color: string;
  steps: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface LineChartInput {
  title?: string;
  yName: string;
  xMode: XMode;
  yScale: YScale;
  lines: LineInput[];
  bands?: BandInputSeries[];
  theme: ChartTheme;
  /** Shared y range (small multiples compare panels by eye). */
  yRange?: AxisRange;
  /** Plot width in CSS pixels and the device pixel ratio, to say when sampling thins. */
  plotWidthPx?: number;
  /** Plot height in CSS pixels: how many log-axis labels fit. */
  plotHeightPx?: number;
  dpr?: number;
  /** A figure for a paper: no zoom slider, no animation, legend always on. */
  forExport?: boolean;
  showLegend?: boolean;
  /** Charts with the same group zoom and point together (echarts.connect). */
  group?: string;
  /**
   * The x range in view (the zoom window): drawn in detail, the rest as an
   * overview. Null or absent: all of it. Thinning needs plotWidthPx too.
   */
  view?: XRange | null;
}

export interface ChartNotes {
  /** Points left out because the log axis cannot show them. */
  droppedNonPositive: number;
  /** Set when LTTB shows fewer points than the data has in view. */
  thinned: { shown: number; total: number } | null;
  /** Drawable points over all data lines. */
  points: number;
  /** Points of the data lines handed to ECharts (thinned: a few thousand per line). */
  drawn: number;
}

export interface BuiltChart {
  option: Record<string, unknown>;
  notes: ChartNotes;
}

const BAND_ALPHA = 0.18;
/** Longest legend entry, in characters, on screen and in exported figures. */
export const LEGEND_CHARS = 40;
export const LEGEND_CHARS_EXPORT = 64;

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * `cache` keeps packed lines between calls (a chart on screen passes its own,
 * so a zoom does not pack a million points again); without one, every call packs.
 */
export function buildLineChart(input: LineChartInput, cache: LineCache = createLineCache()): BuiltChart {
  const { theme, xMode, yScale } = input;
  const series: Record<string, unknown>[] = [];
  let dropped = 0;
  let inView = 0;
  let points = 0;
  let drawn = 0;
  let yMin = Infinity;
  let yMax = -Infinity;
  let shown = 0;
  const legendNames: string[] = [];
  // Without a plot width there is nothing to thin for (unit tests; ECharts still samples).
  const budget = input.plotWidthPx ? pointBudget(input.plotWidthPx, input.dpr) : Infinity;
  const view = input.view ?? null;

  // Replicates share steps, not wall times: bands are drawn against steps only.
  for (const band of xMode === 'time' ? [] : (input.bands ?? [])) {
    // Two stacked series: the lower edge (invisible), then upper − lower filled above it.
    const thinned = thinBand(cache.band(band.steps, band.lower, band.upper, xMode, yScale), view, budget);
    const common = { type: 'line', stack: `band:${band.id}`, dimensions: ['x', 'y'], encode: { x: 0, y: 1 }, symbol: 'none', silent: true, animation: false, tooltip: { show: false }, z: 1 };
    series.push({ ...common, id: `${band.id}:lower`, name: `${band.name} band`, data: thinned.lower, lineStyle: { opacity: 0 } });
    series.push({ ...common, id: `${band.id}:width`, name: `${band.name} band`, data: thinned.width, lineStyle: { opacity: 0 }, areaStyle: { color: withAlpha(band.color, BAND_ALPHA) } });
  }

  for (const line of input.lines) {
    const role = line.role ?? 'data';
    const prepared = cache.line(line.steps, line.time, line.values, xMode, yScale);
    if (prepared.yMin < yMin) yMin = prepared.yMin;
    if (prepared.yMax > yMax) yMax = prepared.yMax;
    const thinned = thinLine(prepared, view, budget);
    if (role === 'data') {
      dropped += prepared.droppedNonPositive;
      points += prepared.count;
      drawn += thinned.data.length / 2;
      inView += thinned.inView;
      // ECharts' LTTB may thin further what is in view (rarely: the budget is about one point per pixel).
      shown += input.plotWidthPx ? sampledCount(thinned.keptInView, input.plotWidthPx, input.dpr) : thinned.keptInView;
      legendNames.push(line.name);
    }
    series.push({
      type: 'line',
      id: line.id,
      name: role === 'raw' ? `${line.name} (raw)` : line.name,
      data: thinned.data,
      dimensions: ['x', 'y'],
      encode: { x: 0, y: 1 },
      showSymbol: false,
      symbol: 'none',
      sampling: 'lttb',
      animation: false,
      connectNulls: false,
      color: line.color,
      lineStyle: {
        color: line.color,
        width: role === 'data' ? 1.8 : 1.2,
        opacity: role === 'raw' ? 0.25 : 1,
        type: role === 'theory' ? (line.dash ?? 'dashed') : 'solid',
      },
      emphasis: { disabled: true },
      silent: role === 'raw',
      ...(role === 'raw' ? { tooltip: { show: false } } : {}),
      z: role === 'data' ? 3 : 2,
    });
    if (role === 'theory') legendNames.push(line.name);
  }

  const showLegend = input.showLegend ?? true;
  const zoom = !input.forExport;
  const option: Record<string, unknown> = {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' },
    title: input.title ? { text: input.title, left: 8, top: 4, textStyle: { color: theme.text, fontSize: 13, fontWeight: 600 } } : undefined,
    legend: showLegend
      ? {
          type: input.forExport ? 'plain' : 'scroll',
          data: legendNames,
          top: input.title ? 26 : 4,
          left: 'center',
          // Sweep labels run long (`GD model.init={"kind":"positive",...} lr=0.03`): cut in the middle, whole on hover.
          formatter: (name: string) => middleEllipsis(name, input.forExport ? LEGEND_CHARS_EXPORT : LEGEND_CHARS),
          // Without a line height the scroll legend clips the top of its text (its box follows the 4 px icon).
          textStyle: { color: theme.text, lineHeight: 18 },
          tooltip: { show: true },
          icon: 'roundRect',
          itemWidth: 16,
          itemHeight: 4,
          inactiveColor: theme.axis,
          // ECharts' default page arrows are dark gray: invisible on the dark theme.
          pageIconColor: theme.text,
          pageIconInactiveColor: theme.axis,
          pageTextStyle: { color: theme.subtle },
        }
      : { show: false },
    grid: { left: 72, right: 24, top: (input.title ? 30 : 8) + (showLegend ? 26 : 0) + 8, bottom: zoom ? 70 : 46, containLabel: false },
    xAxis: xAxisOption(xMode, theme, view ? { min: view.from, max: view.to } : null),
    yAxis: logYAxis(input, yMin, yMax),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross', label: { backgroundColor: theme.axis } },
      backgroundColor: theme.tooltipBackground,
      borderColor: theme.tooltipBorder,
      textStyle: { color: theme.text, fontSize: 12 },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatValue(v) : String(v)),
      confine: true,
    },
    dataZoom: zoom
      ? [
          { type: 'inside', xAxisIndex: 0, filterMode: 'filter' },
          { type: 'slider', xAxisIndex: 0, height: 16, bottom: 8, filterMode: 'filter', textStyle: { color: theme.subtle }, borderColor: theme.split },
        ]
      : [],
    series,
  };
  if (input.group) option.group = input.group;
  return {
    option,
    notes: { droppedNonPositive: dropped, thinned: shown < inView ? { shown, total: inView } : null, points, drawn },
  };
}

function logYAxis(input: LineChartInput, yMin: number, yMax: number): Record<string, unknown> {
  const axis = yAxisOption(input.yScale, input.yName, input.theme, input.yRange);
  if (input.yScale !== 'log') return axis;
  const interval = logInterval(input.yRange ?? { min: yMin, max: yMax }, input.plotHeightPx);
  return { ...axis, interval, ...(input.yRange ? {} : logBounds(interval)) };
}

/**
 * Decades between log-axis ticks. ECharts would pick 10 for any span of 10 to
 * 99 decades (a loss from 1 to 1e-11 gets two labels); one per decade reads
 * best up to a dozen decades, then every 2nd or 5th.
 */
export function logInterval(range: { min: number; max: number }, plotHeightPx?: number): number {
  if (!(range.min > 0 && range.max > 0)) return 1;
  const decades = Math.ceil(Math.log10(range.max) - 1e-12) - Math.floor(Math.log10(range.min) + 1e-12);
  // About one label per 24 px keeps labels apart on short panels (small multiples).
  const maxTicks = plotHeightPx ? Math.max(2, Math.floor(plotHeightPx / 24)) : 12;
  for (const step of [1, 2, 5, 10, 20, 50]) if (decades / step <= maxTicks) return step;
  return 100;
}

/** Notes as the line under a chart: what the chart is not showing, in words. */
export function describeNotes(notes: ChartNotes, yScale: YScale, xMode: XMode): string[] {
  const out: string[] = [];
  if (notes.droppedNonPositive > 0) {
    const where = xMode === 'logstep' && yScale !== 'log' ? 'at step 0' : yScale === 'log' && xMode === 'logstep' ? '≤ 0 or at step 0' : '≤ 0';
    out.push(`${notes.droppedNonPositive} point${notes.droppedNonPositive === 1 ? '' : 's'} ${where} not shown on the log axis`);
  }
  if (notes.thinned) out.push(`thinned: showing ${notes.thinned.shown.toLocaleString('en-US')} of ${notes.thinned.total.toLocaleString('en-US')} points`);
  return out;
}
