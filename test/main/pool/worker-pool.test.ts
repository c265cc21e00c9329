/**
 * The worker pool with real worker processes training tiny runs: results,
 * metric batches, the size limit, FIFO order and cancellation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeLauncher, WorkerPool } from '../../../main/pool/index.js';
import { PoolRecorder, tinyRun } from './helpers.js';

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool with real workers', () => {
  it('runs every run to its result, in batches, FIFO, never more than `size` at once', async () => {
    pool = new WorkerPool({ launcher: nodeLauncher(), size: 2, batchMs: 5 });
    const rec = new PoolRecorder(pool);
    const ids = ['a', 'b', 'c'];
    for (const id of ids) pool.submit(id, tinyRun(`GD-${id}`), process.cwd());
    expect(pool.running).toBe(2);
    expect(pool.queued).toBe(1);
    await rec.until(rec.ended(...ids));

    expect(rec.startOrder()).toEqual(ids);
    expect(rec.maxConcurrent).toBe(2);
    // The third run started only once one of the first two had ended.
    const firstEnd = rec.states.findIndex((e) => e.state === 'ended');
    const thirdStart = rec.states.findIndex((e) => e.state === 'started' && e.runId === 'c');
    expect(thirdStart).toBeGreaterThan(firstEnd);

    for (const id of ids) {
      const outcome = rec.outcome(id)!;
      expect(outcome.kind).toBe('result');
      if (outcome.kind !== 'result') continue;
      expect(outcome.result.status).toBe('finished');
      expect(outcome.result.steps).toBe(200);
      expect(outcome.result.environment.lab).toBe('0.1.0');
      // Every recorded step arrived, in order, over more than one batch.
      const steps = rec.records.get(id)!.map((r) => r.step);
      expect(steps).toEqual(Array.from({ length: 101 }, (_, i) => i * 2));
      expect(rec.batches.get(id)!).toBeGreaterThan(1);
      expect(rec.progress.get(id)!).toBeGreaterThan(0);
      const readyAt = rec.states.findIndex((e) => e.runId === id && e.state === 'ready');
      expect(readyAt).toBeGreaterThan(rec.states.findIndex((e) => e.runId === id && e.state === 'started'));
      // The result's final loss is the last recorded loss.
      expect(outcome.result.finalLoss).toBe(rec.records.get(id)!.at(-1)!.loss);
    }
    await pool.close();
    expect(pool.running).toBe(0);
  });

  it('by default delivers metrics in batches about every 100 ms, not one message per step', async () => {
    pool = new WorkerPool({ launcher: nodeLauncher(), size: 1 });
    const rec = new PoolRecorder(pool);
    const arrivals: { at: number; rows: number }[] = [];
    pool.on('metrics', (e) => arrivals.push({ at: performance.now(), rows: e.records.length }));
    pool.submit('steady', tinyRun('steady', 1_000_000, 1), process.cwd());
    await rec.until(() => arrivals.length >= 8);
    pool.cancel('steady');
    await rec.until(rec.ended('steady'));

    // The first batch comes with the first step (after engine start-up); look at the steady state after it.
    const steady = arrivals.slice(1, 8);
    const gaps = steady.slice(1).map((a, i) => a.at - steady[i]!.at).sort((x, y) => x - y);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(400);
    // Every step is recorded (record.every 1), yet each message carries many of them.
    for (const a of steady) expect(a.rows).toBeGreaterThan(5);
  });

  it('cancels a queued run at once and a running one with its partial result', async () => {
    pool = new WorkerPool({ launcher: nodeLauncher(), size: 1, batchMs: 20 });
    const rec = new PoolRecorder(pool);
    pool.submit('long', tinyRun('long', 1_000_000, 100), process.cwd());
    pool.submit('queued', tinyRun('queued'), process.cwd());

    expect(pool.cancel('queued')).toBe(true);
    expect(rec.outcome('queued')).toEqual({ kind: 'cancelled', reason: 'cancelled by the user before it started' });
    expect(pool.cancel('queued')).toBe(false);
    expect(pool.cancel('nobody')).toBe(false);

    await rec.until(() => (rec.progress.get('long') ?? 0) >= 2);
    expect(pool.cancel('long')).toBe(true);
    await rec.until(rec.ended('long'));
    const outcome = rec.outcome('long')!;
    expect(outcome.kind).toBe('result');
    if (outcome.kind === 'result') {
      expect(outcome.result.status).toBe('cancelled');
      expect(outcome.result.reason).toBe('cancelled by the user');
      expect(outcome.result.steps).toBeGreaterThan(0);
      expect(outcome.result.steps).toBeLessThan(1_000_000);
    }
    expect(rec.startOrder()).toEqual(['long']);
  });
});
