/**
 * The worker's `ntk` message (lab run --ntk-matrix): a pool with `ntkMatrix`
 * asks every worker for its run's NTK Gram at theta_0 and at the end, and
 * reports them as an `ntk` event before the run ends; without the option no
 * worker computes them; matrices of the wrong size fail the run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeLauncher, WorkerPool, type PoolEvents } from '../../../main/pool/index.js';
import { faultLauncher, PoolRecorder, tinyRun } from './helpers.js';

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** The pool's `ntk` events, each with how many runs had ended when it came. */
function recordNtk(p: WorkerPool, rec: PoolRecorder): { event: PoolEvents['ntk']; endedBefore: number }[] {
  const seen: { event: PoolEvents['ntk']; endedBefore: number }[] = [];
  p.on('ntk', (event) => seen.push({ event, endedBefore: rec.states.filter((s) => s.state === 'ended').length }));
  return seen;
}

describe('WorkerPool ntk matrices', () => {
  it('with ntkMatrix: one event per run, before it ends, with symmetric n x n matrices at steps 0 and T', async () => {
    pool = new WorkerPool({ launcher: nodeLauncher(), size: 1, batchMs: 20, ntkMatrix: true });
    const rec = new PoolRecorder(pool);
    const seen = recordNtk(pool, rec);
    pool.submit('a', tinyRun('GD', 30, 10), process.cwd());
    await rec.until(rec.ended('a'));
    expect(rec.outcome('a')).toMatchObject({ kind: 'result', result: { status: 'finished', steps: 30 } });
    expect(seen).toHaveLength(1);
    const { event, endedBefore } = seen[0]!;
    expect(endedBefore).toBe(0);
    expect(event).toMatchObject({ runId: 'a', n: 8, step: 30 });
    for (const h of [event.h0, event.hT]) {
      expect(h).toHaveLength(64);
      for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) expect(h[i * 8 + j]).toBe(h[j * 8 + i]);
      for (let i = 0; i < 8; i++) expect(h[i * 9]).toBeGreaterThan(0);
    }
    expect(event.hT).not.toEqual(event.h0);
  });

  it('without it, no worker sends them', async () => {
    pool = new WorkerPool({ launcher: nodeLauncher(), size: 1, batchMs: 20 });
    const rec = new PoolRecorder(pool);
    const seen = recordNtk(pool, rec);
    pool.submit('b', tinyRun('GD', 5, 5), process.cwd());
    await rec.until(rec.ended('b'));
    expect(rec.outcome('b')?.kind).toBe('result');
    expect(seen).toEqual([]);
  });

  it('matrices of the wrong size fail the run', async () => {
    pool = new WorkerPool({ launcher: faultLauncher(), size: 1, ntkMatrix: true });
    const rec = new PoolRecorder(pool);
    const seen = recordNtk(pool, rec);
    pool.submit('bad', tinyRun('bad-ntk'), process.cwd());
    await rec.until(rec.ended('bad'));
    expect(rec.outcome('bad')).toEqual({ kind: 'failed', reason: 'the worker sent an invalid NTK matrix (a float column has 8 bytes, expected 72)' });
    expect(seen).toEqual([]);
  });
});
