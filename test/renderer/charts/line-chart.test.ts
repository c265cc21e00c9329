import { describe, expect, it } from 'vitest';
import { buildLineChart, describeNotes, LEGEND_CHARS, type LineChartInput } from '../../../renderer/src/charts/line-chart.js';
import { yAxisOption, sharedRange, xAxisOption } from '../../../renderer/src/charts/axes.js';
import { packPoints, sampledCount } from '../../../renderer/src/charts/points.js';
import { LIGHT, paperTheme } from '../../../renderer/src/charts/chart-theme.js';

type Series = { id: string; data: Float64Array; sampling?: string; lineStyle: { type: string; opacity: number }; stack?: string; areaStyle?: unknown };

function input(over: Partial<LineChartInput> = {}): LineChartInput {
  return {
    yName: 'loss (log scale)',
    xMode: 'step',
    yScale: 'log',
    theme: LIGHT,
    lines: [{ id: 'a', name: 'GD', color: '#0072B2', steps: [0, 1, 2, 3], time: [0, 10, 20, 30], values: [1, 0.1, 0, 1e-3] }],
    ...over,
  };
}

function series(option: Record<string, unknown>): Series[] {
  return option.series as Series[];
}

describe('log axes', () => {
  it('a log y axis is a true log axis, base 10, whatever the data', () => {
    const y = yAxisOption('log', 'loss', LIGHT);
    expect(y.type).toBe('log');
    expect(y.logBase).toBe(10);
    const { option } = buildLineChart(input({ lines: [{ id: 'z', name: 'zeros', color: '#000', steps: [0, 1], time: [0, 1], values: [0, -1] }] }));
    expect((option.yAxis as { type: string }).type).toBe('log');
  });

  it('drops non-positive points on a log axis and says how many', () => {
    const built = buildLineChart(input());
    const data = series(built.option)[0]!.data;
    expect([...data]).toEqual([0, 1, 1, 0.1, 3, 1e-3]);
    expect(built.notes.droppedNonPositive).toBe(1);
    expect(describeNotes(built.notes, 'log', 'step')).toEqual(['1 point ≤ 0 not shown on the log axis']);
  });

  it('keeps them on a linear axis', () => {
    const built = buildLineChart(input({ yScale: 'linear', yName: 'loss' }));
    expect(series(built.option)[0]!.data.length).toBe(8);
    expect(built.notes.droppedNonPositive).toBe(0);
    expect((built.option.yAxis as { type: string }).type).toBe('value');
  });

  it('log step axis drops step 0; wall-time axis is in seconds', () => {
    const log = packPoints([0, 10, 100], [0, 5, 50], [3, 2, 1], 'logstep', 'linear');
    expect([...log.data]).toEqual([10, 2, 100, 1]);
    expect(log.droppedNonPositive).toBe(1);
    expect(xAxisOption('logstep', LIGHT).type).toBe('log');
    const time = packPoints([0, 10], [0, 2500], [3, 2], 'time', 'linear');
    expect([...time.data]).toEqual([0, 3, 2.5, 2]);
    expect(xAxisOption('time', LIGHT).name).toBe('wall time (s)');
  });

  it('shared ranges on a log axis snap to whole decades', () => {
    expect(sharedRange([3e-7, 0, 2.5, Number.NaN], 'log')).toEqual({ min: 1e-7, max: 10 });
    expect(sharedRange([], 'log')).toBeUndefined();
  });
});

describe('large data', () => {
  it('every data line asks ECharts for LTTB sampling', () => {
    const { option } = buildLineChart(input());
    expect(series(option).every((s) => s.sampling === 'lttb')).toBe(true);
  });

  it('says when sampling thins: rate = round(count / (width × dpr))', () => {
    expect(sampledCount(100_000, 1000, 1)).toBe(1000);
    expect(sampledCount(100_000, 500, 2)).toBe(1000);
    expect(sampledCount(800, 1000, 1)).toBe(800);
    const steps = Float64Array.from({ length: 20_000 }, (_, i) => i);
    const values = Float64Array.from(steps, (s) => 1 / (s + 1));
    const built = buildLineChart(input({ lines: [{ id: 'big', name: 'big', color: '#000', steps, time: steps, values }], plotWidthPx: 800 }));
    expect(built.notes.thinned).toEqual({ shown: 800, total: 20_000 });
    expect(describeNotes(built.notes, 'log', 'step')).toContain('thinned: showing 800 of 20,000 points');
  });

  it('hands ECharts a few thousand points of a million, and says so', () => {
    const steps = Float64Array.from({ length: 1_000_000 }, (_, i) => i);
    const values = Float64Array.from(steps, (s) => Math.exp(-s / 2e5));
    const built = buildLineChart(input({ lines: [{ id: 'm', name: 'M', color: '#000', steps, time: steps, values }], plotWidthPx: 1100 }));
    expect(series(built.option)[0]!.data.length / 2).toBe(1100);
    expect(built.notes).toMatchObject({ points: 1_000_000, drawn: 1100, thinned: { shown: 1100, total: 1_000_000 } });
    expect(describeNotes(built.notes, 'log', 'step')).toContain('thinned: showing 1,100 of 1,000,000 points');
  });

  it('zoomed in: the window in detail, the note counts the points in view', () => {
    const steps = Float64Array.from({ length: 1_000_000 }, (_, i) => i);
    const values = Float64Array.from(steps, (s) => Math.exp(-s / 2e5));
    const lines = [{ id: 'm', name: 'M', color: '#000', steps, time: steps, values }];
    const zoomed = buildLineChart(input({ lines, plotWidthPx: 1100, view: { from: 500_000, to: 504_999 } }));
    expect(zoomed.notes.thinned).toEqual({ shown: 1100, total: 5000 });
    expect(zoomed.notes.points).toBe(1_000_000);
    expect(zoomed.notes.drawn).toBeLessThanOrEqual(2200);
    const data = series(zoomed.option)[0]!.data;
    expect([data[0], data[data.length - 2]]).toEqual([0, 999_999]); // the axis keeps its extent
    // Closer still: every point in view is drawn, and the note goes.
    expect(buildLineChart(input({ lines, plotWidthPx: 1100, view: { from: 500_000, to: 500_499 } })).notes.thinned).toBeNull();
  });

  it('zoomed in, x tick labels get the digits that tell them apart', async () => {
    const { tickDigits } = await import('../../../renderer/src/charts/axes.js');
    expect(tickDigits(null)).toBe(3);
    expect(tickDigits({ min: 0, max: 1_000_000 })).toBe(3);
    expect(tickDigits({ min: 494_565, max: 505_434 })).toBe(4);
    expect(tickDigits({ min: 500_000, max: 500_100 })).toBe(6);
    const label = (view: { from: number; to: number } | null) =>
      (buildLineChart(input({ view })).option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([496_000, 498_000].map(label(null))).toEqual(['5.0e5', '5.0e5']);
    expect([496_000, 498_000].map(label({ from: 494_565, to: 505_434 }))).toEqual(['4.96e5', '4.98e5']);
  });

  it('reuses packed lines from a cache across redraws', async () => {
    const { createLineCache } = await import('../../../renderer/src/charts/line-cache.js');
    const cache = createLineCache();
    const steps = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const values = Float64Array.from(steps, (s) => 1 / (s + 1));
    const line = cache.line(steps, steps, values, 'step', 'log');
    buildLineChart(input({ lines: [{ id: 'c', name: 'c', color: '#000', steps, time: steps, values }], plotWidthPx: 500, view: { from: 10, to: 20 } }), cache);
    expect(cache.line(steps, steps, values, 'step', 'log')).toBe(line);
    expect([...line.overviews.keys()]).toEqual([500]);
  });

  it('adds zoom (inside + slider) on screen and none in an exported figure', () => {
    expect((buildLineChart(input()).option.dataZoom as unknown[]).length).toBe(2);
    const exported = buildLineChart(input({ forExport: true, theme: paperTheme('white') })).option;
    expect(exported.dataZoom).toEqual([]);
    expect(exported.backgroundColor).toBe('#ffffff');
    expect(buildLineChart(input({ forExport: true, theme: paperTheme('transparent') })).option.backgroundColor).toBe('transparent');
  });
});

describe('overlays and bands', () => {
  it('draws theory dashed and raw lines faint', () => {
    const { option } = buildLineChart(
      input({
        lines: [
          { id: 'r', name: 'GD', color: '#000', steps: [0, 1], time: [0, 1], values: [1, 0.5], role: 'raw' },
          { id: 's', name: 'GD', color: '#000', steps: [0, 1], time: [0, 1], values: [1, 0.6] },
          { id: 't', name: 'GD theory', color: '#000', steps: [0, 1], time: [0, 1], values: [1, 0.4], role: 'theory' },
        ],
      }),
    );
    const [raw, data, theory] = series(option);
    expect(raw!.lineStyle.opacity).toBeLessThan(0.5);
    expect(data!.lineStyle.type).toBe('solid');
    expect(theory!.lineStyle.type).toBe('dashed');
    expect((option.legend as { data: string[] }).data).toEqual(['GD', 'GD theory']);
  });

  it('cuts long legend names (sweep labels) in the middle and shows them whole on hover', () => {
    const legend = (forExport: boolean) => buildLineChart(input({ forExport })).option.legend as { formatter: (n: string) => string; tooltip: { show: boolean } };
    const long = 'GD model.init={"kind":"positive","low":0.2,"high":0.6,"output":1} lr=0.03';
    const shown = legend(false).formatter(long);
    expect([...shown]).toHaveLength(LEGEND_CHARS);
    expect(shown.endsWith('lr=0.03')).toBe(true);
    expect(legend(false).formatter('HB')).toBe('HB');
    expect(legend(false).tooltip.show).toBe(true);
    expect(legend(true).formatter(long).length).toBeGreaterThan(LEGEND_CHARS);
  });

  it('draws a band as a stacked pair: the lower edge, then the width filled', () => {
    const { option } = buildLineChart(
      input({ bands: [{ id: 'g', name: 'HB', color: '#0072B2', steps: [0, 1], lower: [0.5, 0.05], upper: [2, 0.2] }] }),
    );
    const [lower, width] = series(option);
    expect(lower!.stack).toBe('band:g');
    expect(width!.stack).toBe('band:g');
    expect([...lower!.data]).toEqual([0, 0.5, 1, 0.05]);
    expect([...width!.data]).toEqual([0, 1.5, 1, 0.15000000000000002]);
    expect(width!.areaStyle).toBeDefined();
  });

  it('hides bands against wall time (replicates do not share times)', () => {
    const { option } = buildLineChart(
      input({ xMode: 'time', bands: [{ id: 'g', name: 'HB', color: '#000', steps: [0, 1], lower: [1, 1], upper: [2, 2] }] }),
    );
    expect(series(option).some((s) => s.stack)).toBe(false);
  });
});

describe('log axis extent', () => {
  it('snaps the view to whole decades, never past the data by more than one', async () => {
    const { decadeBelow, decadeAbove } = await import('../../../renderer/src/charts/axes.js');
    expect(decadeBelow({ min: 3e-11, max: 1.2 })).toBeCloseTo(1e-11, 20);
    expect(decadeAbove({ min: 3e-11, max: 1.2 })).toBe(10);
    expect(decadeAbove({ min: 1, max: 1 })).toBe(10);
    const y = yAxisOption('log', 'loss', LIGHT);
    expect(y.min).toBe(decadeBelow);
    expect(y.max).toBe(decadeAbove);
  });
});

describe('log tick interval', () => {
  it('ticks every decade up to a dozen decades, then sparser', async () => {
    const { logInterval } = await import('../../../renderer/src/charts/line-chart.js');
    expect(logInterval({ min: 1e-11, max: 10 })).toBe(1);
    expect(logInterval({ min: 1e-20, max: 10 })).toBe(2);
    expect(logInterval({ min: 1e-40, max: 1 })).toBe(5);
    const { option } = buildLineChart(input());
    expect((option.yAxis as { interval: number }).interval).toBe(1);
  });
});
