/**
 * SIGKILL the host in the middle of a run: the real `lab run` (host process,
 * worker processes, run store) is killed with no chance to clean up. On
 * restart the store opens, every metric batch it had committed is there, and
 * the run is marked `interrupted`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../../main/store/index.js';

const root = new URL('../../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lab-host-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = {
  version: 1,
  name: 'killed mid-run',
  seed: 1,
  data: { kind: 'gaussian', n: 16, d: 4 },
  model: { hidden: [16] },
  train: { steps: 10_000_000, record: { every: 1 } },
  optimizers: [{ kind: 'gd', lr: 0.001 }],
};

function committedRows(): { rows: number; status: string } | null {
  const store = RunStore.open(dir);
  try {
    const [run] = store.listRuns();
    if (!run) return null;
    return { rows: store.getMetrics(run.id).steps.length, status: run.status };
  } finally {
    store.close();
  }
}

describe('the host killed with SIGKILL mid-run', () => {
  it('leaves a store that opens, keeps every committed batch, and marks the run interrupted', async () => {
    const file = join(dir, 'long.json');
    writeFileSync(file, JSON.stringify(spec));
    const host = spawn(process.execPath, ['--import', 'tsx', 'main/cli/lab.ts', 'run', file, '--data-dir', dir], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));

    // Wait until the host has committed a few batches (the loop sends one about every 100 ms).
    let before: { rows: number; status: string } | null = null;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      before = committedRows();
      if (before && before.status === 'running' && before.rows > 200) break;
    }
    expect(before?.status).toBe('running');
    host.kill('SIGKILL');
    await exited;

    // The worker notices its host is gone and exits; the store does not need it to.
    const store = RunStore.open(dir);
    try {
      const [run] = store.listRuns();
      expect(run!.status).toBe('interrupted');
      expect(store.interruptedOnOpen).toContain(run!.id);
      const series = store.getMetrics(run!.id);
      // Every batch committed before the kill is there (more may have landed after our last look).
      expect(series.steps.length).toBeGreaterThanOrEqual(before!.rows);
      // And the records are whole and in order: steps 0, 1, 2, ... with a loss each.
      series.steps.forEach((s, i) => expect(s).toBe(i));
      expect(series.present.loss!.every((p) => p === 1)).toBe(true);
    } finally {
      store.close();
    }
  });
});
