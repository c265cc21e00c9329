/**
 * Where the worker pool meets the run store and the event stream: a run is
 * stored queued, marked running when its worker is ready, gets each metric
 * batch appended in one transaction and then pushed, and is ended with its
 * result or its failure. Every change is pushed as `run.state` with the run's
 * listing as the store now has it.
 */
import type { EncodedSeries } from '../../core/contract/records.js';
import type { MetricRecord, RunEnvironment } from '../../core/run/types.js';
import type { RunSpec } from '../../core/spec/expand.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { PoolStateEvent, RunOutcome } from '../pool/pool-events.js';
import type { RunStore } from '../store/index.js';
import type { EventHub } from './event-hub.js';
import { wireListing } from './wire-listing.js';

export class RunLifecycle {
  /** What the last worker to start reported: the engine runs actually use. */
  lastEnvironment: RunEnvironment | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly pool: WorkerPool,
    private readonly events: EventHub,
    private readonly onError: (err: unknown) => void,
  ) {
    pool.on('state', (e) => this.guard(() => this.onState(e)));
    pool.on('metrics', (e) => this.onMetrics(e.runId, e.records, e.series));
    pool.on('progress', (e) => {
      const loss = e.loss !== null && Number.isFinite(e.loss) ? e.loss : null;
      this.events.emit('run.progress', { runId: e.runId, step: e.step, totalSteps: e.totalSteps, loss, elapsedMs: e.elapsedMs });
    });
  }

  /** Announce stored (queued) runs and hand them to the pool, in order. */
  submit(runIds: readonly string[], specs: readonly RunSpec[], baseDir: string): void {
    for (const id of runIds) this.pushState(id);
    runIds.forEach((id, i) => this.pool.submit(id, specs[i]!, baseDir));
  }

  /** Cancel a run this host is running or has queued; false when it has no such run. */
  cancel(runId: string): boolean {
    return this.pool.cancel(runId);
  }

  pushState(runId: string): void {
    this.events.emit('run.state', wireListing(this.store.getRun(runId)));
  }

  private onState(e: PoolStateEvent): void {
    if (e.state === 'started') return; // still `queued` in the store until the worker is ready
    if (e.state === 'ready') {
      this.lastEnvironment = e.environment;
      this.store.markRunning(e.runId, e.environment);
    } else {
      this.end(e.runId, e.outcome);
    }
    this.pushState(e.runId);
  }

  private end(runId: string, outcome: RunOutcome): void {
    switch (outcome.kind) {
      case 'result':
        this.store.finishRun(runId, outcome.result);
        return;
      case 'failed':
      case 'cancelled':
      case 'interrupted':
        this.store.failRun(runId, outcome.kind, outcome.reason);
        return;
    }
  }

  private onMetrics(runId: string, records: readonly MetricRecord[], series: EncodedSeries): void {
    try {
      this.store.appendMetrics(runId, records);
    } catch (err) {
      // A batch that cannot be stored makes the run's record incomplete: stop it rather than go on silently.
      this.pool.fail(runId, `could not store a metric batch: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.events.emit('run.metrics', { runId, series });
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err);
    }
  }
}
