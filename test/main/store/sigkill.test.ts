/**
 * A batch is one transaction: when the process writing a run is killed
 * (SIGKILL: no exit handler runs), every batch it reported committed is in the
 * store, the store opens cleanly, and the run reads `interrupted`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON, RunStore } from '../../../main/store/index.js';
import { tempDir } from './fixtures/experiment.js';

const WRITER = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ROWS = 100;

let dir: string | null = null;
let child: ChildProcess | null = null;
afterEach(() => {
  if (child !== null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  child = null;
  dir = null;
});

/** Resolves once `predicate` holds for the lines the child printed so far. */
function waitFor(proc: ChildProcess, predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => finish(new Error(`writer did not get there in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    const onExit = (code: number | null): void => finish(new Error(`writer exited early (code ${code}); stderr:\n${stderr}`));
    const onErr = (d: Buffer): void => {
      stderr += d.toString();
    };
    const check = (): void => {
      if (predicate()) finish(null);
    };
    function finish(err: Error | null): void {
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.stderr!.off('data', onErr);
      proc.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', onErr);
    proc.on('exit', onExit);
    check();
  });
}

describe('a writer killed with SIGKILL', () => {
  it('loses no committed batch, and its run reads interrupted', async () => {
    dir = tempDir();
    // tsx as a loader for Node 20 (>= 20.6): `node --import tsx file.ts`.
    const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const lines: string[] = [];
    let partial = '';
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
    });
    const batches = (): number[] => lines.filter((l) => l.startsWith('batch ')).map((l) => Number(l.slice(6)));

    await waitFor(proc, () => batches().length >= 5);

    // While the writer lives, another process opening the store leaves its run alone.
    const runId = lines.find((l) => l.startsWith('run '))!.slice(4);
    const peek = RunStore.open(dir);
    expect(peek.interruptedOnOpen).toEqual([]);
    expect(peek.getRun(runId).status).toBe('running');
    peek.close();

    await waitFor(proc, () => batches().length >= 10);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const reported = batches();
    expect(reported.length).toBeGreaterThanOrEqual(10);
    expect(reported).toEqual(reported.map((_, i) => i));

    const store = RunStore.open(dir);
    try {
      expect(store.interruptedOnOpen).toEqual([runId]);
      const run = store.getRun(runId);
      expect(run.status).toBe('interrupted');
      expect(run.reason).toBe(INTERRUPTED_REASON);

      const m = store.getMetrics(runId);
      // Every reported batch is there, whole; at most the one in flight beyond them.
      const committedBatches = m.steps.length / ROWS;
      expect(Number.isInteger(committedBatches)).toBe(true);
      expect(committedBatches).toBeGreaterThanOrEqual(reported.length);
      expect(committedBatches).toBeLessThanOrEqual(reported.length + 1);
      for (let i = 0; i < m.steps.length; i++) {
        if (m.steps[i] !== i || m.columns.loss![i] !== 1 / (i + 1) || m.time_ms[i] !== i * 0.5) {
          throw new Error(`row ${i} is wrong: step ${m.steps[i]}, loss ${m.columns.loss![i]}`);
        }
      }
      // The store is writable again.
      store.setNote(runId, 'killed on purpose');
      expect(store.getRun(runId).note).toBe('killed on purpose');
    } finally {
      store.close();
    }
  });
});
