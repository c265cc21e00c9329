import { describe, expect, it } from 'vitest';
import { concatSeries } from '../../../renderer/src/series/concat-series.js';
import { stepRanges } from '../../../renderer/src/stores/compare.js';

const f = (...v: number[]) => Float64Array.from(v);
const u = (...v: number[]) => Uint8Array.from(v);

describe('metrics fetched in step ranges', () => {
  it('ranges cover every whole step once; the last is open, a short or running run is one request', () => {
    expect(stepRanges(null)).toEqual([{}]);
    expect(stepRanges(999, 1000)).toEqual([{}]);
    expect(stepRanges(1000, 1000)).toEqual([{ fromStep: 0, toStep: 999 }, { fromStep: 1000 }]);
    expect(stepRanges(999_999, 250_000)).toEqual([
      { fromStep: 0, toStep: 249_999 },
      { fromStep: 250_000, toStep: 499_999 },
      { fromStep: 500_000, toStep: 749_999 },
      { fromStep: 750_000 },
    ]);
  });

  it('join into one series; a column a part lacks is NaN and not present there', () => {
    const a = { steps: f(0, 1), time_ms: f(0, 5), columns: { loss: f(1, 0.5) }, present: { loss: u(1, 1) } };
    const b = { steps: f(2, 3), time_ms: f(9, 12), columns: { loss: f(0.25, 0.1), ntk: f(7, Number.NaN) }, present: { loss: u(1, 1), ntk: u(1, 0) } };
    const s = concatSeries([a, b]);
    expect([...s.steps]).toEqual([0, 1, 2, 3]);
    expect([...s.time_ms]).toEqual([0, 5, 9, 12]);
    expect([...s.columns.loss!]).toEqual([1, 0.5, 0.25, 0.1]);
    expect([...s.columns.ntk!]).toEqual([NaN, NaN, 7, NaN]);
    expect([...s.present.ntk!]).toEqual([0, 0, 1, 0]);
    expect(concatSeries([a])).toBe(a);
  });
});
