/** The live view's charts: every tracked run's column of one metric, colored by run. */
import { yAxisName, type YScale } from './axes.js';
import type { LineInput } from './line-chart.js';
import type { PanelInput } from './compare-panels.js';
import { colorAt } from './palette.js';

export interface LiveSource {
  id: string;
  name: string;
  steps: Float64Array;
  time: Float64Array;
  column(name: string): Float64Array | null;
}

export function livePanel(metric: string, runs: readonly LiveSource[], yScale: YScale, group = 'live'): PanelInput {
  const lines: LineInput[] = [];
  runs.forEach((r, i) => {
    const values = r.column(metric);
    if (values) lines.push({ id: `${r.id}:${metric}`, name: r.name, color: colorAt(i), steps: r.steps, time: r.time, values });
  });
  return { title: metric, yName: yAxisName(metric, yScale), xMode: 'step', yScale, lines, group };
}
