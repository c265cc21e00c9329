import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../../core/run/types.js';
import { RunStore } from '../../../main/store/index.js';
import { experiment, result, runSpecs, tempDir } from './fixtures/experiment.js';

const POINTS = 1_000_000;
const BATCH = 10_000;
const NTK_EVERY = 100;

let dir: string | null = null;
afterEach(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function loss(step: number): number {
  return Math.exp(-step / 1e5);
}

describe('a run with 1,000,000 recorded points', () => {
  it('appends in batches, reads back, and stays near 8 bytes per value', () => {
    dir = tempDir();
    const store = RunStore.open(dir);
    const e = experiment('million', 1);
    const experimentId = store.createExperiment({ name: e.name, spec: e });
    const [runId] = store.createRuns(experimentId, runSpecs(e).slice(0, 1));
    store.markRunning(runId!);

    const t0 = performance.now();
    for (let first = 0; first < POINTS; first += BATCH) {
      const records: MetricRecord[] = new Array<MetricRecord>(BATCH);
      for (let i = 0; i < BATCH; i++) {
        const step = first + i;
        const rec: MetricRecord = { step, time_ms: step * 0.01, loss: loss(step), grad_norm: step % 7 };
        if (step % NTK_EVERY === 0) rec.ntk_lambda_min = step / NTK_EVERY;
        records[i] = rec;
      }
      store.appendMetrics(runId!, records);
    }
    const writeMs = performance.now() - t0;
    store.finishRun(runId!, result({ steps: POINTS }));

    const t1 = performance.now();
    const m = store.getMetrics(runId!);
    const readMs = performance.now() - t1;
    expect(m.steps).toHaveLength(POINTS);
    for (const step of [0, 1, 9_999, 10_000, 123_457, 999_999]) {
      expect(m.steps[step]).toBe(step);
      expect(m.time_ms[step]).toBe(step * 0.01);
      expect(m.columns.loss![step]).toBe(loss(step));
      expect(m.columns.grad_norm![step]).toBe(step % 7);
      expect(m.present.ntk_lambda_min![step]).toBe(step % NTK_EVERY === 0 ? 1 : 0);
    }
    expect(m.columns.ntk_lambda_min![500_000]).toBe(5_000);
    expect(m.columns.ntk_lambda_min![500_001]).toBeNaN();

    const slice = store.getMetrics(runId!, { columns: ['loss'], fromStep: 250_000, toStep: 260_000 });
    expect(slice.steps).toHaveLength(10_001);
    expect(slice.steps[0]).toBe(250_000);
    expect(slice.columns.loss![10_000]).toBe(loss(260_000));
    store.close();

    // 4 dense columns (step, time_ms, loss, grad_norm) at 8 bytes per value, 1% of a 5th,
    // plus 1 bit per cell of presence bitmaps: about 32.5 MB, all in the main file after close.
    const file = join(dir, 'lab.sqlite');
    const bytes = statSync(file).size;
    const raw = POINTS * 8 * (4 + 1 / NTK_EVERY);
    expect(bytes).toBeGreaterThan(raw);
    expect(bytes).toBeLessThan(raw * 1.1);
    expect(readdirSync(dir)).toEqual(['lab.sqlite']);
    console.log(
      `1e6 points: write ${writeMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms, file ${(bytes / 1e6).toFixed(1)} MB`,
    );
  });
});
