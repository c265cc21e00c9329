import { describe, expect, it } from 'vitest';
import { comparePanels, heavyBallOptimum, metricColumns, type CompareRun, type CompareSettings } from '../../../renderer/src/charts/compare-panels.js';

function run(id: string, groupKey: string, scale: number, extra: Record<string, number[]> = {}): CompareRun {
  const steps = Float64Array.from([0, 10, 20, 30]);
  const loss = Float64Array.from(steps, (s) => scale * Math.exp(-s / 10));
  const columns: Record<string, Float64Array> = { loss, grad_norm: Float64Array.from(loss, Math.sqrt) };
  for (const [k, v] of Object.entries(extra)) columns[k] = Float64Array.from(v);
  return { id, name: id, groupKey, groupName: groupKey, steps, time: Float64Array.from(steps, (s) => s * 3), columns };
}

const settings: CompareSettings = { metrics: ['loss'], layout: 'overlay', xMode: 'step', yScale: 'log', tau: 0, band: false, theory: new Set() };

describe('comparePanels', () => {
  it('overlay: one chart per metric with every run', () => {
    const panels = comparePanels([run('a', 'A', 1), run('b', 'B', 2)], { ...settings, metrics: ['loss', 'grad_norm'] });
    expect(panels.map((p) => p.title)).toEqual(['loss', 'grad_norm']);
    expect(panels[0]!.input.lines.map((l) => l.name)).toEqual(['a', 'b']);
    expect(panels[0]!.input.yName).toBe('loss (log scale)');
  });

  it('small multiples: a panel per run, sharing the y range per metric', () => {
    const panels = comparePanels([run('a', 'A', 1), run('b', 'B', 100)], { ...settings, layout: 'multiples' });
    expect(panels).toHaveLength(2);
    expect(panels[0]!.input.yRange).toEqual(panels[1]!.input.yRange);
    expect(panels[0]!.input.yRange!.max).toBe(100);
  });

  it('bands: replicates become a mean line and a band', () => {
    const panels = comparePanels([run('a', 'HB', 1), run('b', 'HB', 4), run('c', 'NAG', 1)], { ...settings, band: true });
    const p = panels[0]!.input;
    expect(p.bands).toHaveLength(1);
    expect(p.lines.map((l) => l.name)).toEqual(['HB (mean of 2)', 'c']);
    expect(p.lines[0]!.values[0]).toBeCloseTo(2, 12); // geometric mean of 1 and 4 on a log axis
  });

  it('smoothing keeps the raw line under the smoothed one', () => {
    const p = comparePanels([run('a', 'A', 1)], { ...settings, tau: 10 })[0]!.input;
    expect(p.lines.map((l) => l.role ?? 'data')).toEqual(['raw', 'data']);
  });

  it('theory overlays only for the runs toggled on, on the loss chart', () => {
    const runs = [run('a', 'A', 1, { theory_loss: [1, 0.5, 0.2, 0.1], ode_loss: [NaN, NaN, NaN, NaN] }), run('b', 'B', 1, { theory_loss: [1, 1, 1, 1] })];
    const p = comparePanels(runs, { ...settings, metrics: ['loss', 'grad_norm'], theory: new Set(['a']) });
    expect(p[0]!.input.lines.filter((l) => l.role === 'theory').map((l) => l.name)).toEqual(['a linearized (NTK)']);
    expect(p[1]!.input.lines.some((l) => l.role === 'theory')).toBe(false);
    expect(metricColumns(runs)).toEqual(['loss', 'grad_norm']);
  });

  it('offers no chart for columns recorded only at step 0; the summary reads them', () => {
    const step0 = (v: number) => [v, NaN, NaN, NaN];
    const r = run('a', 'A', 1, { theory_loss: [1, 0.5, 0.2, 0.1], theory_rho: step0(0.9), theory_hb_lr: step0(0.03), theory_hb_beta: step0(0.67), theory_hb_rho: step0(0.67), ntk_lambda_min: [1, 1, 1, 1] });
    expect(metricColumns([r])).toEqual(['loss', 'grad_norm', 'ntk_lambda_min']);
    expect(heavyBallOptimum(r.columns)).toEqual({ lr: 0.03, beta: 0.67, rho: 0.67 });
    expect(heavyBallOptimum(run('b', 'B', 1, { theory_hb_lr: step0(NaN), theory_hb_beta: step0(NaN), theory_hb_rho: step0(NaN) }).columns)).toBeNull();
    expect(heavyBallOptimum(run('c', 'C', 1).columns)).toBeNull();
  });
});
