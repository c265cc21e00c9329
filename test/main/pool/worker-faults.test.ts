/**
 * Workers that misbehave (fixtures/fault-worker.ts): a crash, an exit without
 * a result, a signal, a message outside the contract, silence, ignoring
 * cancel, a bad run spec.
 * Each ends its run as failed (or cancelled) with a reason, and the pool goes
 * on with the other runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerLauncher } from '../../../main/pool/index.js';
import { faultLauncher, PoolRecorder, tinyRun } from './helpers.js';

let pool: WorkerPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

function failedReason(rec: PoolRecorder, runId: string): string {
  const outcome = rec.outcome(runId);
  expect(outcome?.kind, `${runId}: ${JSON.stringify(outcome)}`).toBe('failed');
  return outcome?.kind === 'failed' ? outcome.reason : '';
}

describe('WorkerPool with faulty workers', () => {
  it('marks crashed, killed, garbling and misconfigured workers failed and still completes the next run', async () => {
    pool = new WorkerPool({ launcher: faultLauncher(), size: 2, batchMs: 20 });
    const rec = new PoolRecorder(pool);
    const bogus = { ...tinyRun('bogus-spec'), optimizer: { kind: 'gd', lr: 'fast' } } as unknown as ReturnType<typeof tinyRun>;
    pool.submit('crash', tinyRun('crash'), process.cwd());
    pool.submit('quit', tinyRun('quit'), process.cwd());
    pool.submit('abort', tinyRun('abort'), process.cwd());
    pool.submit('garbage', tinyRun('garbage'), process.cwd());
    pool.submit('bogus', bogus, process.cwd());
    pool.submit('good', tinyRun('good', 50, 5), process.cwd());
    await rec.until(rec.ended('crash', 'quit', 'abort', 'garbage', 'bogus', 'good'));

    const crash = failedReason(rec, 'crash');
    expect(crash).toContain('exited with code 3 before the run ended');
    expect(crash).toContain('fault-worker: about to crash');
    expect(failedReason(rec, 'quit')).toBe('the worker process exited with code 0 before the run ended');
    expect(failedReason(rec, 'abort')).toContain('was killed by SIGKILL');
    expect(failedReason(rec, 'garbage')).toMatch(/^the worker sent an invalid message \(step: /);
    expect(failedReason(rec, 'bogus')).toMatch(/^invalid run spec:\noptimizer\.lr: /);

    const good = rec.outcome('good');
    expect(good?.kind).toBe('result');
    if (good?.kind === 'result') expect(good.result.status).toBe('finished');
    expect(rec.records.get('good')!.length).toBe(11);
    expect(rec.maxConcurrent).toBeLessThanOrEqual(2);
  });

  it('fails a worker that stops reporting, then runs the next one', async () => {
    pool = new WorkerPool({ launcher: faultLauncher(), size: 1, heartbeatMs: 1500 });
    const rec = new PoolRecorder(pool);
    pool.submit('hang', tinyRun('hang'), process.cwd());
    pool.submit('after', tinyRun('fake'), process.cwd());
    await rec.until(rec.ended('hang', 'after'));
    expect(failedReason(rec, 'hang')).toBe('the worker stopped reporting (nothing for 1.5 s): it hung, or one step takes longer than that');
    expect(rec.outcome('after')).toMatchObject({ kind: 'result', result: { status: 'finished', steps: 10 } });
  });

  it('kills a worker that ignores cancel after the grace period, as cancelled', async () => {
    pool = new WorkerPool({ launcher: faultLauncher(), size: 1, cancelGraceMs: 300 });
    const rec = new PoolRecorder(pool);
    pool.submit('deaf', tinyRun('hang'), process.cwd());
    await rec.until(() => (rec.progress.get('deaf') ?? 0) > 0);
    expect(pool.cancel('deaf')).toBe(true);
    await rec.until(rec.ended('deaf'));
    expect(rec.outcome('deaf')).toEqual({
      kind: 'cancelled',
      reason: 'cancelled by the user; the worker did not stop within 0.3 s and was killed',
    });
    await rec.until(() => pool!.running === 0);
  });

  it('changes its size at runtime and closes with queued runs interrupted', async () => {
    pool = new WorkerPool({ launcher: faultLauncher(), size: 1, cancelGraceMs: 300 });
    const rec = new PoolRecorder(pool);
    for (const id of ['f1', 'f2', 'f3']) pool.submit(id, tinyRun('fake'), process.cwd());
    expect(pool.running).toBe(1);
    pool.setSize(3);
    expect(pool.running).toBe(3);
    expect(() => pool!.setSize(0)).toThrow(RangeError);
    await rec.until(rec.ended('f1', 'f2', 'f3'));
    // A slot frees when the process has exited, not when its result came.
    await rec.until(() => pool!.running === 0);

    pool.setSize(1);
    pool.submit('h1', tinyRun('hang'), process.cwd());
    await rec.until(() => (rec.progress.get('h1') ?? 0) > 0);
    pool.submit('q1', tinyRun('fake'), process.cwd());
    await pool.close('closing for the test');
    expect(rec.outcome('q1')).toEqual({ kind: 'interrupted', reason: 'closing for the test before it started' });
    expect(rec.outcome('h1')).toEqual({ kind: 'cancelled', reason: 'closing for the test; the worker did not stop within 0.3 s and was killed' });
    expect(pool.running).toBe(0);
    expect(() => pool!.submit('late', tinyRun('fake'), process.cwd())).toThrow(/closed/);
  });

  it('fails a run whose worker cannot be launched and goes on', async () => {
    let calls = 0;
    const real = faultLauncher();
    const flaky: WorkerLauncher = {
      launch() {
        if (calls++ === 0) throw new Error('no more processes');
        return real.launch();
      },
    };
    pool = new WorkerPool({ launcher: flaky, size: 1 });
    const rec = new PoolRecorder(pool);
    pool.submit('x', tinyRun('fake'), process.cwd());
    pool.submit('y', tinyRun('fake'), process.cwd());
    await rec.until(rec.ended('x', 'y'));
    expect(rec.outcome('x')).toEqual({ kind: 'failed', reason: 'could not start a worker process: no more processes' });
    expect(rec.outcome('y')?.kind).toBe('result');
  });
});
