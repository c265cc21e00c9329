import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../../core/run/types.js';
import { RunStore, StoreError, recordsOf } from '../../../main/store/index.js';
import { experiment, runSpecs, tempDir } from './fixtures/experiment.js';

const dirs: string[] = [];
const stores: RunStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeWithRun(): { store: RunStore; runId: string } {
  const dir = tempDir();
  dirs.push(dir);
  const store = RunStore.open(dir);
  stores.push(store);
  const e = experiment('metrics', 1);
  const experimentId = store.createExperiment({ name: e.name, spec: e });
  const [runId] = store.createRuns(experimentId, runSpecs(e).slice(0, 1));
  store.markRunning(runId!);
  return { store, runId: runId! };
}

/** Two batches: loss every step (NaN and -Inf among them), ntk every other step, a column that appears late. */
const BATCH_1: MetricRecord[] = [
  { step: 0, time_ms: 0, loss: 4, ntk_lambda_min: 0.5 },
  { step: 1, time_ms: 1.5, loss: NaN },
  { step: 2, time_ms: 3, loss: Infinity, ntk_lambda_min: NaN },
  { step: 3, time_ms: 4.5, loss: -0 },
];
const BATCH_2: MetricRecord[] = [
  { step: 4, time_ms: 6, loss: -Infinity, ntk_lambda_min: 0.25, dir_cos: 0.9 },
  { step: 5, time_ms: 7.5, loss: 1e-300, dir_cos: Number.MIN_VALUE },
];

describe('metric storage', () => {
  it('keeps absent cells distinct from recorded NaN and infinities', () => {
    const { store, runId } = storeWithRun();
    store.appendMetrics(runId, BATCH_1);
    store.appendMetrics(runId, BATCH_2);

    const m = store.getMetrics(runId);
    expect(Array.from(m.steps)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(m.time_ms)).toEqual([0, 1.5, 3, 4.5, 6, 7.5]);
    expect(Object.keys(m.columns)).toEqual(['loss', 'ntk_lambda_min', 'dir_cos']);
    expect(Array.from(m.present.loss!)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(m.present.ntk_lambda_min!)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(m.present.dir_cos!)).toEqual([0, 0, 0, 0, 1, 1]);
    const loss = Array.from(m.columns.loss!);
    expect(loss).toEqual([4, NaN, Infinity, -0, -Infinity, 1e-300]);
    expect(Object.is(loss[3], -0)).toBe(true);
    // Absent cells read as NaN in the columns: only `present` tells them from a recorded NaN.
    expect(Array.from(m.columns.ntk_lambda_min!)).toEqual([0.5, NaN, NaN, NaN, 0.25, NaN]);
    expect(m.columns.dir_cos![5]).toBe(Number.MIN_VALUE);

    // Back to records: absent keys stay absent, NaN stays NaN.
    const records = recordsOf(m);
    expect(records).toEqual([...BATCH_1, ...BATCH_2]);
    expect(records[1]).not.toHaveProperty('ntk_lambda_min');
    expect(records[2]!.ntk_lambda_min).toBeNaN();
    expect(store.metricColumns(runId)).toEqual(['loss', 'ntk_lambda_min', 'dir_cos']);
  });

  it('stores one chunk per batch, packed, with a presence bitmap only when a column is sparse', () => {
    const { store, runId } = storeWithRun();
    store.appendMetrics(runId, BATCH_1);
    store.appendMetrics(runId, [{ step: 4, time_ms: 6, loss: 1 }]);
    const raw = new Database(store.file, { readonly: true });
    const rows = raw
      .prepare('SELECT seq, first_step, last_step, rows, columns, data, presence FROM metric_chunks WHERE run_id = ? ORDER BY seq')
      .all(runId) as { seq: number; first_step: number; last_step: number; rows: number; columns: string; data: Buffer; presence: Buffer | null }[];
    raw.close();
    expect(rows.map((r) => [r.seq, r.first_step, r.last_step, r.rows, r.columns])).toEqual([
      [0, 0, 3, 4, 'step,time_ms,loss,ntk_lambda_min'],
      [1, 4, 4, 1, 'step,time_ms,loss'],
    ]);
    // step, time_ms, loss: 4 values each; ntk_lambda_min: only its 2 recorded values.
    expect(rows[0]!.data.byteLength).toBe((4 + 4 + 4 + 2) * 8);
    expect(Array.from(rows[0]!.presence!)).toEqual([0b1111, 0b1111, 0b1111, 0b0101]);
    expect(rows[1]!.presence).toBeNull();
    const data = rows[0]!.data;
    const values = Array.from({ length: data.byteLength / 8 }, (_, i) => data.readDoubleLE(i * 8));
    expect(values).toEqual([0, 1, 2, 3, 0, 1.5, 3, 4.5, 4, NaN, Infinity, -0, 0.5, NaN]);
  });

  it('reads a step range and a subset of columns', () => {
    const { store, runId } = storeWithRun();
    store.appendMetrics(runId, BATCH_1);
    store.appendMetrics(runId, BATCH_2);

    const some = store.getMetrics(runId, { columns: ['ntk_lambda_min', 'step', 'not_recorded'], fromStep: 2, toStep: 4 });
    expect(Array.from(some.steps)).toEqual([2, 3, 4]);
    expect(Array.from(some.time_ms)).toEqual([3, 4.5, 6]);
    expect(Object.keys(some.columns)).toEqual(['ntk_lambda_min', 'not_recorded']);
    expect(Array.from(some.columns.ntk_lambda_min!)).toEqual([NaN, NaN, 0.25]);
    expect(Array.from(some.present.ntk_lambda_min!)).toEqual([1, 0, 1]);
    expect(Array.from(some.present.not_recorded!)).toEqual([0, 0, 0]);

    expect(Array.from(store.getMetrics(runId, { fromStep: 5 }).steps)).toEqual([5]);
    expect(Array.from(store.getMetrics(runId, { toStep: 0 }).steps)).toEqual([0]);
    expect(store.getMetrics(runId, { fromStep: 100 }).steps).toHaveLength(0);
  });

  it('returns empty columns for a run without metrics, and ignores an empty batch', () => {
    const { store, runId } = storeWithRun();
    store.appendMetrics(runId, []);
    const m = store.getMetrics(runId);
    expect(m.steps).toHaveLength(0);
    expect(m.columns).toEqual({});
    expect(recordsOf(m)).toEqual([]);
  });

  it('refuses a bad batch as a whole, with a clear error', () => {
    const { store, runId } = storeWithRun();
    const bad: unknown[][] = [
      [{ step: 0, time_ms: 0 }, { time_ms: 1, loss: 1 }],
      [{ step: NaN, time_ms: 0 }],
      [{ step: 0 }],
      [{ step: 0, time_ms: 0, loss: '1' }],
      [{ step: 0, time_ms: 0, 'a,b': 1 }],
    ];
    for (const batch of bad) {
      const err = (() => {
        try {
          store.appendMetrics(runId, batch as MetricRecord[]);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('invalid');
      expect((err as StoreError).message).toMatch(/^bad metric record: /);
    }
    expect(store.getMetrics(runId).steps).toHaveLength(0);
  });
});
