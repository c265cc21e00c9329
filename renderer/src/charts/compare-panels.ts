/**
 * The compare view's charts, as data: per metric one overlay chart, or small
 * multiples (one panel per run or seed group, sharing the y range per metric).
 * Smoothing, seed bands and theory overlays are applied here; the result goes
 * through buildLineChart. Pure, so it is tested without a DOM.
 */
import { emaSmooth } from '../analysis/smoothing.js';
import { seedBand } from '../analysis/band.js';
import { sharedRangeOf, yAxisName, type XMode, type YScale } from './axes.js';
import type { BandInputSeries, LineChartInput, LineInput } from './line-chart.js';
import { colorAt } from './palette.js';
import { curveColumns } from './metric-columns.js';

export interface CompareRun {
  id: string;
  /** Unique among the runs shown (e.g. `HB · seed 8`). */
  name: string;
  /** Runs with the same key differ only by seed. */
  groupKey: string;
  /** The group's name (e.g. `HB`). */
  groupName: string;
  steps: Float64Array;
  time: Float64Array;
  columns: Readonly<Record<string, Float64Array>>;
}

export type Layout = 'overlay' | 'multiples';

export interface CompareSettings {
  metrics: readonly string[];
  layout: Layout;
  xMode: XMode;
  yScale: YScale;
  /** EMA time constant in steps; 0 turns smoothing off. */
  tau: number;
  band: boolean;
  /** Runs whose theory overlays (theory_loss, ode_loss) are drawn on the loss chart. */
  theory: ReadonlySet<string>;
}

export type PanelInput = Omit<LineChartInput, 'theme' | 'plotWidthPx' | 'plotHeightPx' | 'dpr' | 'forExport'>;

export interface Panel {
  id: string;
  title: string;
  metric: string;
  input: PanelInput;
}

/** Columns drawn as overlays of `loss`, never as metrics of their own (metric-columns.ts). */
export const THEORY_COLUMNS = [
  { column: 'theory_loss', label: 'linearized (NTK)', dash: 'dashed' },
  { column: 'ode_loss', label: 'ODE', dash: 'dotted' },
] as const;

interface Unit {
  key: string;
  name: string;
  color: string;
  runs: CompareRun[];
}

/** What one chart draws for one run group (or single run) and one metric. */
function linesOf(unit: Unit, metric: string, s: CompareSettings): { lines: LineInput[]; bands: BandInputSeries[] } {
  const space = s.yScale;
  const lines: LineInput[] = [];
  const bands: BandInputSeries[] = [];
  const withMetric = unit.runs.filter((r) => r.columns[metric]);
  if (withMetric.length === 0) return { lines, bands };
  const smooth = (r: CompareRun): Float64Array => emaSmooth(r.steps, r.columns[metric]!, s.tau, space);

  if (s.band && withMetric.length > 1) {
    const band = seedBand(withMetric.map((r) => ({ steps: r.steps, values: smooth(r) })), space);
    bands.push({ id: `${unit.key}:${metric}`, name: unit.name, color: unit.color, steps: band.steps, lower: band.lower, upper: band.upper });
    lines.push({
      id: `${unit.key}:${metric}:mean`,
      name: `${unit.name} (mean of ${withMetric.length})`,
      color: unit.color,
      steps: band.steps,
      // Replicates' wall times differ; their mean is not a time axis (bands are hidden on it).
      time: band.steps,
      values: band.mean,
    });
  } else {
    for (const r of withMetric) {
      const raw = r.columns[metric]!;
      if (s.tau > 0) lines.push({ id: `${r.id}:${metric}:raw`, name: r.name, color: unit.color, steps: r.steps, time: r.time, values: raw, role: 'raw' });
      lines.push({ id: `${r.id}:${metric}`, name: r.name, color: unit.color, steps: r.steps, time: r.time, values: s.tau > 0 ? smooth(r) : raw });
    }
  }
  if (metric === 'loss') {
    for (const r of unit.runs) {
      if (!s.theory.has(r.id)) continue;
      for (const t of THEORY_COLUMNS) {
        const col = r.columns[t.column];
        if (!col || !col.some((v) => Number.isFinite(v))) continue;
        lines.push({ id: `${r.id}:${t.column}`, name: `${r.name} ${t.label}`, color: unit.color, steps: r.steps, time: r.time, values: col, role: 'theory', dash: t.dash });
      }
    }
  }
  return { lines, bands };
}

/** Runs grouped by seed when bands are on; one unit per run otherwise. Colors follow units. */
function unitsOf(runs: readonly CompareRun[], band: boolean): Unit[] {
  if (!band) return runs.map((r, i) => ({ key: r.id, name: r.name, color: colorAt(i), runs: [r] }));
  const byKey = new Map<string, CompareRun[]>();
  for (const r of runs) byKey.set(r.groupKey, [...(byKey.get(r.groupKey) ?? []), r]);
  return [...byKey.values()].map((group, i) => ({
    key: `g${i}`,
    name: group.length > 1 ? group[0]!.groupName : group[0]!.name,
    color: colorAt(i),
    runs: group,
  }));
}

export function comparePanels(runs: readonly CompareRun[], s: CompareSettings, group = 'compare'): Panel[] {
  const units = unitsOf(runs, s.band);
  const panels: Panel[] = [];
  for (const metric of s.metrics) {
    const yName = yAxisName(metric, s.yScale);
    if (s.layout === 'overlay') {
      const lines: LineInput[] = [];
      const bands: BandInputSeries[] = [];
      for (const u of units) {
        const got = linesOf(u, metric, s);
        lines.push(...got.lines);
        bands.push(...got.bands);
      }
      panels.push({ id: `overlay:${metric}`, title: metric, metric, input: { title: metric, yName, xMode: s.xMode, yScale: s.yScale, lines, bands, group } });
      continue;
    }
    const perUnit = units.map((u) => ({ u, ...linesOf(u, metric, s) }));
    const yRange = sharedRangeOf(
      perUnit.flatMap((p) => [...p.lines.map((l) => l.values), ...p.bands.flatMap((b) => [b.lower, b.upper])]),
      s.yScale,
    );
    for (const p of perUnit) {
      if (p.lines.length === 0) continue;
      panels.push({
        id: `multiple:${metric}:${p.u.key}`,
        title: `${p.u.name} · ${metric}`,
        metric,
        input: { title: `${p.u.name} · ${metric}`, yName, xMode: s.xMode, yScale: s.yScale, lines: p.lines, bands: p.bands, group, showLegend: false, ...(yRange ? { yRange } : {}) },
      });
    }
  }
  return panels;
}

/** The linearized model's predicted per-step rate: a number for the summary, not a curve. */
export const PREDICTED_RATE_COLUMN = 'theory_rho';

/** The first finite value of a column (constants recorded once, such as the predicted rate). */
export function firstFinite(col: ArrayLike<number> | undefined): number | null {
  if (!col) return null;
  for (let i = 0; i < col.length; i++) if (Number.isFinite(col[i]!)) return col[i]!;
  return null;
}

/** Metric columns the runs have, loss first; theory columns are overlays or summary numbers, not metrics. */
export function metricColumns(runs: readonly { columns: Readonly<Record<string, Float64Array>> }[]): string[] {
  return curveColumns(runs.flatMap((r) => Object.keys(r.columns)));
}

/** Polyak's optimal heavy ball on H_0 (theory_hb_*, step 0), where the run recorded it and it is finite. */
export function heavyBallOptimum(columns: Readonly<Record<string, Float64Array>>): { lr: number; beta: number; rho: number } | null {
  const lr = firstFinite(columns.theory_hb_lr);
  const beta = firstFinite(columns.theory_hb_beta);
  const rho = firstFinite(columns.theory_hb_rho);
  return lr !== null && beta !== null && rho !== null ? { lr, beta, rho } : null;
}

/** The color each run is drawn in (replicates share their group's color when bands are on). */
export function runColors(runs: readonly CompareRun[], band: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of unitsOf(runs, band)) for (const r of u.runs) out.set(r.id, u.color);
  return out;
}
