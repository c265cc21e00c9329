/** Tiny runs and an event recorder for worker-pool tests. */
import { fileURLToPath } from 'node:url';
import { expandExperiment, experimentSchema, type RunSpec } from '../../../core/spec/index.js';
import type { MetricRecord } from '../../../core/run/types.js';
import { nodeLauncher, type WorkerLauncher } from '../../../main/pool/index.js';
import type { WorkerPool } from '../../../main/pool/worker-pool.js';
import type { PoolStateEvent, RunOutcome } from '../../../main/pool/pool-events.js';

/** A run that trains in well under a second. */
export function tinyRun(label = 'GD', steps = 200, every = 2): RunSpec {
  const e = experimentSchema.parse({
    version: 1,
    name: 'pool test',
    seed: 5,
    data: { kind: 'gaussian', n: 8, d: 3 },
    model: { hidden: [4] },
    train: { steps, record: { every } },
    optimizers: [{ label, kind: 'gd', lr: 0.01 }],
    metrics: ['loss', 'grad_norm'],
  });
  return expandExperiment(e)[0]!;
}

/** The fault fixture: a worker whose behaviour the run's label picks (see fixtures/fault-worker.ts). */
export function faultLauncher(): WorkerLauncher {
  return nodeLauncher({ modulePath: fileURLToPath(new URL('./fixtures/fault-worker.ts', import.meta.url)) });
}

/** Everything a pool reports, kept in order. */
export class PoolRecorder {
  readonly states: PoolStateEvent[] = [];
  readonly records = new Map<string, MetricRecord[]>();
  readonly batches = new Map<string, number>();
  readonly progress = new Map<string, number>();
  /** Most runs running at once (started and not yet ended). */
  maxConcurrent = 0;
  private readonly live = new Set<string>();
  private waiters: (() => void)[] = [];

  constructor(pool: WorkerPool) {
    pool.on('state', (e) => {
      this.states.push(e);
      if (e.state === 'started') this.live.add(e.runId);
      if (e.state === 'ended') this.live.delete(e.runId);
      this.maxConcurrent = Math.max(this.maxConcurrent, this.live.size);
      this.wake();
    });
    pool.on('metrics', (e) => {
      const kept = this.records.get(e.runId) ?? [];
      kept.push(...e.records);
      this.records.set(e.runId, kept);
      this.batches.set(e.runId, (this.batches.get(e.runId) ?? 0) + 1);
    });
    pool.on('progress', (e) => {
      this.progress.set(e.runId, (this.progress.get(e.runId) ?? 0) + 1);
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  startOrder(): string[] {
    return this.states.filter((e) => e.state === 'started').map((e) => e.runId);
  }

  outcome(runId: string): RunOutcome | undefined {
    const e = this.states.find((s) => s.runId === runId && s.state === 'ended');
    return e?.state === 'ended' ? e.outcome : undefined;
  }

  /** Resolves once `predicate` holds (checked after every event). */
  async until(predicate: () => boolean, timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; events so far: ${JSON.stringify(this.states)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  ended(...runIds: string[]): () => boolean {
    return () => runIds.every((id) => this.outcome(id) !== undefined);
  }
}
