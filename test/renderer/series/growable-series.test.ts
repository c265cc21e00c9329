import { describe, expect, it } from 'vitest';
import { GrowableSeries } from '../../../renderer/src/series/growable-series.js';
import { seriesOfRecords } from '../../../core/contract/series-codec.js';
import type { MetricRecord } from '../../../core/run/types.js';

const batch = (from: number, to: number, extra = false) =>
  seriesOfRecords(
    Array.from({ length: to - from }, (_, i): MetricRecord => {
      const step = (from + i) * 10;
      const rec: MetricRecord = { step, time_ms: step, loss: 1 / (step + 1) };
      if (extra) rec.ntk_cond = 5;
      return rec;
    }),
  );

describe('GrowableSeries', () => {
  it('appends batches into growing Float64Array columns', () => {
    const g = new GrowableSeries(2);
    expect(g.append(batch(0, 3))).toBe(3);
    expect(g.append(batch(3, 10))).toBe(7);
    expect(g.length).toBe(10);
    expect([...g.steps]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(g.column('loss')).toBeInstanceOf(Float64Array);
    expect(g.column('loss')!.length).toBe(10);
  });

  it('skips rows it already has (a batch overlapping a backfill)', () => {
    const g = new GrowableSeries();
    g.append(batch(0, 5));
    expect(g.append(batch(3, 8))).toBe(3);
    expect([...g.steps]).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('a column that appears mid-run is NaN before it', () => {
    const g = new GrowableSeries();
    g.append(batch(0, 2));
    g.append(batch(2, 4, true));
    expect([...g.column('ntk_cond')!]).toEqual([NaN, NaN, 5, 5]);
  });

  it('merges a full fetch under what streamed meanwhile', () => {
    const live = new GrowableSeries();
    live.append(batch(6, 9));
    const merged = GrowableSeries.merged(batch(0, 7), live);
    expect([...merged.steps]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });
});
