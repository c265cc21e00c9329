/**
 * The bench's own code keeps working: the smallest workload through the real
 * training loop for a few steps, the FLOP formula, and the report rendering.
 * No timing assertions (the machine is shared and noisy).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../core/engine/backend.js';
import { stepFlops, timeWorkload, workloadRun, WORKLOADS } from '../../bench/workloads.js';
import { renderMarkdown, renderTable, type Row } from '../../bench/report.js';
import { describeMachine } from '../../bench/machine.js';

beforeAll(async () => {
  await initEngine();
});

const smallest = WORKLOADS.reduce((a, b) => (stepFlops(a) <= stepFlops(b) ? a : b));

describe('bench workloads', () => {
  it('each builds one valid run spec', () => {
    for (const w of WORKLOADS) {
      const run = workloadRun(w, 7, 7);
      expect(run.train.steps).toBe(7);
      expect(run.data).toMatchObject({ n: w.n, d: w.d });
      expect(run.model.hidden).toEqual(w.kind === 'two-layer' ? [w.m] : [w.m, w.m, w.m]);
    }
  });

  it('counts 2n(3S - d s_1) FLOPs per step', () => {
    // two-layer (256, 32, 1024): S = 32*1024 + 1024, so 2*256*(3*33792 - 32768).
    expect(stepFlops({ kind: 'two-layer', n: 256, d: 32, m: 1024 })).toBe(2 * 256 * (3 * 33792 - 32768));
    // MLP (64, 16, 256): S = 16*256 + 2*256*256 + 256.
    const S = 16 * 256 + 2 * 256 * 256 + 256;
    expect(stepFlops({ kind: 'mlp', n: 64, d: 16, m: 256 })).toBe(2 * 64 * (3 * S - 16 * 256));
  });

  it('times the smallest workload through trainRun and renders the report', async () => {
    const plan = { s: 2, warmup: 1, batches: 3 };
    const t = await timeWorkload(smallest, plan);
    expect(t.perBatch).toHaveLength(3);
    for (const ms of t.perBatch) expect(ms).toBeGreaterThan(0);
    expect(t.msPerStep).toBeGreaterThanOrEqual(t.minMs);
    expect(t.msPerStep).toBeLessThanOrEqual(t.maxMs);
    expect(Number.isFinite(t.gflops)).toBe(true);
    expect(Number.isFinite(t.finalLoss)).toBe(true);

    const row: Row = { workload: smallest, plan, timing: t, flops: stepFlops(smallest), verdict: null };
    expect(renderTable([row], null)).toContain(`(${smallest.n}, ${smallest.d}, ${smallest.m})`);
    const md = renderMarkdown({
      rows: [row],
      ntk: null,
      machine: { ...describeMachine(await initEngine()), loadEnd: 0 },
      date: new Date(0),
      command: 'npm run bench -- --quick',
      quick: true,
      profiles: [],
    });
    expect(md).toContain('# Benchmarks');
    expect(md).toContain('2n(3S - d s_1)');
  });
});
