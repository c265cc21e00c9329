import { describe, expect, it } from 'vitest';
import { extendLine, MAX_BUDGET, MIN_BUDGET, pointBudget, prepareBand, prepareLine, thinBand, thinLine } from '../../../renderer/src/charts/thin.js';
import { createLineCache } from '../../../renderer/src/charts/line-cache.js';
import { GrowableSeries } from '../../../renderer/src/series/growable-series.js';

const N = 1_000_000;
const steps = Float64Array.from({ length: N }, (_, i) => i);
const loss = Float64Array.from(steps, (s) => Math.exp(-s / 2e5) * (1 + 0.1 * Math.sin(s * 0.37)));
const million = prepareLine(steps, steps, loss, 'step', 'log');

function xs(data: Float64Array): number[] {
  return Array.from({ length: data.length / 2 }, (_, i) => data[2 * i]!);
}

describe('point budget', () => {
  it('is about one point per device pixel, within bounds', () => {
    expect(pointBudget(1100)).toBe(1100);
    expect(pointBudget(1100, 2)).toBe(2200);
    expect(pointBudget(10)).toBe(MIN_BUDGET);
    expect(pointBudget(3000, 2)).toBe(MAX_BUDGET);
  });
});

describe('thinning a million points', () => {
  it('without a zoom: LTTB of the whole line, first and last point kept', () => {
    const t = thinLine(million, null, 2000);
    expect(t.data.length / 2).toBe(2000);
    expect(t.inView).toBe(N);
    expect(t.keptInView).toBe(2000);
    const x = xs(t.data);
    expect(x[0]).toBe(0);
    expect(x.at(-1)).toBe(N - 1);
  });

  it('zoomed to 1%: the window in detail, the rest as the overview, the extent unchanged', () => {
    const view = { from: 500_000, to: 509_999 };
    const t = thinLine(million, view, 2000);
    expect(t.inView).toBe(10_000);
    expect(t.keptInView).toBe(2000);
    const x = xs(t.data);
    const inside = x.filter((v) => v >= view.from && v <= view.to);
    expect(inside).toHaveLength(2000);
    // 2000 of 10,000 steps inside vs about 20 of them in the overview: 100 times the detail.
    expect(xs(thinLine(million, null, 2000).data).filter((v) => v >= view.from && v <= view.to).length).toBeLessThan(40);
    expect(x[0]).toBe(0);
    expect(x.at(-1)).toBe(N - 1);
    for (let i = 1; i < x.length; i++) expect(x[i]!).toBeGreaterThan(x[i - 1]!);
    expect(t.data.length / 2).toBeLessThanOrEqual(2 * 2000);
  });

  it('a window with fewer points than the budget draws each of them', () => {
    const view = { from: 123_456, to: 123_955 };
    const t = thinLine(million, view, 2000);
    expect(t.inView).toBe(500);
    expect(t.keptInView).toBe(500);
    const inside = xs(t.data).filter((v) => v >= view.from && v <= view.to);
    expect(inside).toEqual(Array.from({ length: 500 }, (_, i) => 123_456 + i));
  });

  it('hands over a short line as it is', () => {
    const small = prepareLine([0, 1, 2], [0, 1, 2], [3, 2, 1], 'step', 'linear');
    const t = thinLine(small, { from: 1, to: 2 }, 2000);
    expect(t.data).toBe(small.xy);
    expect(t.inView).toBe(2);
  });

  it('ignores the window when x goes back (nothing to search)', () => {
    const line = prepareLine([0, 5, 3, 9], [0, 5, 3, 9], [1, 2, 3, 4], 'step', 'linear');
    expect(line.sorted).toBe(false);
    expect(thinLine(line, { from: 4, to: 6 }, 2).inView).toBe(4);
  });

  it('chooses points on a log axis by how they look there (log10)', () => {
    const line = prepareLine([0, 1, 2], [0, 1, 2], [1, 0.1, 0.01], 'logstep', 'log');
    expect([...line.shape]).toEqual([0, -1, Math.log10(2), -2]);
    expect(line.droppedNonPositive).toBe(1); // step 0 on the log step axis
    expect(line.yMin).toBe(0.01);
    expect(line.yMax).toBe(0.1);
  });
});

describe('a streaming line', () => {
  it('extending by new rows equals preparing all of them at once', () => {
    const s = [0, 1, 2, 3, 4, 5, 6];
    const v = [1, 0.5, 0, 0.25, Number.NaN, 0.1, 0.05];
    const whole = prepareLine(s, s, v, 'step', 'log');
    let grown = extendLine(null, s.slice(0, 3), s.slice(0, 3), v.slice(0, 3), 0, 'step', 'log');
    grown = extendLine(grown, s.slice(0, 5), s.slice(0, 5), v.slice(0, 5), 3, 'step', 'log');
    grown = extendLine(grown, s, s, v, 5, 'step', 'log');
    expect([...grown.xy]).toEqual([...whole.xy]);
    expect([...grown.shape]).toEqual([...whole.shape]);
    expect(grown.droppedNonPositive).toBe(whole.droppedNonPositive);
    expect([grown.yMin, grown.yMax, grown.sorted]).toEqual([whole.yMin, whole.yMax, true]);
  });

  it('the cache packs only the rows a GrowableSeries gained, and starts over on new buffers', () => {
    const g = new GrowableSeries(1024);
    const cache = createLineCache();
    const batch = (from: number, n: number) => {
      const st = Float64Array.from({ length: n }, (_, i) => from + i);
      return { steps: st, time_ms: st, columns: { loss: Float64Array.from(st, (x) => 1 / (x + 1)) }, present: { loss: new Uint8Array(n).fill(1) } };
    };
    g.append(batch(0, 100));
    const first = cache.line(g.steps, g.time, g.column('loss')!, 'step', 'log');
    expect(cache.line(g.steps, g.time, g.column('loss')!, 'step', 'log')).toBe(first);
    g.append(batch(100, 50));
    const second = cache.line(g.steps, g.time, g.column('loss')!, 'step', 'log');
    expect(second.count).toBe(150);
    g.append(batch(150, 20));
    const more = cache.line(g.steps, g.time, g.column('loss')!, 'step', 'log');
    expect(more.count).toBe(170);
    expect(more.xy.buffer).toBe(second.xy.buffer); // room was left when it grew: written in place
    expect([...first.xy.subarray(0, 4)]).toEqual([0, 1, 1, 0.5]);
    g.append(batch(170, 2000)); // the series grows its buffers
    const third = cache.line(g.steps, g.time, g.column('loss')!, 'step', 'log');
    expect([...third.xy]).toEqual([...prepareLine(g.steps, g.time, g.column('loss')!, 'step', 'log').xy]);
    // Another axis setup is prepared afresh.
    expect(cache.line(g.steps, g.time, g.column('loss')!, 'step', 'linear').shape).toBe(cache.line(g.steps, g.time, g.column('loss')!, 'step', 'linear').xy);
  });

  it('plain arrays are reused only as they were (they may change in place)', () => {
    const cache = createLineCache();
    const v = [1, 2, 3];
    const a = cache.line([0, 1, 2], [0, 1, 2], v, 'step', 'linear');
    expect(cache.line([0, 1, 2], [0, 1, 2], v, 'step', 'linear')).not.toBe(a); // other step arrays
    const st = [0, 1, 2];
    const b = cache.line(st, st, v, 'step', 'linear');
    expect(cache.line(st, st, v, 'step', 'linear')).toBe(b);
    v.push(4);
    st.push(3);
    expect(cache.line(st, st, v, 'step', 'linear').count).toBe(4);
  });
});

describe('bands', () => {
  it('keep both edges at the same steps; a width that is not finite is 0; log drops lower <= 0', () => {
    const band = prepareBand([0, 1, 2, 3], [0.5, 0, 0.2, 0.1], [1, 1, Number.NaN, 0.3], 'step', 'log');
    expect([...band.lower]).toEqual([0, 0.5, 2, 0.2, 3, 0.1]);
    expect([...band.width]).toEqual([0, 0.5, 2, 0, 3, 0.19999999999999998]);
  });

  it('thin both edges by the lower one', () => {
    const n = 100_000;
    const st = Float64Array.from({ length: n }, (_, i) => i);
    const lower = Float64Array.from(st, (s) => Math.exp(-s / 1e4));
    const upper = Float64Array.from(lower, (v) => 2 * v);
    const t = thinBand(prepareBand(st, lower, upper, 'step', 'log'), { from: 1000, to: 2000 }, 500);
    expect(xs(t.lower)).toEqual(xs(t.width));
    expect(t.lower.length / 2).toBeLessThanOrEqual(1000);
  });
});
