/**
 * The worker pool: at most `size` runs at once, each in its own worker
 * process; the rest wait in a FIFO queue. Everything a worker sends is
 * validated; a worker that crashes, hangs (no message for `heartbeatMs`) or
 * sends garbage ends its run as failed, and the pool goes on with the rest.
 */
import { availableParallelism } from 'node:os';
import { formatPath } from '../../core/spec/problems.js';
import { workerToHostSchema } from '../../core/contract/worker.js';
import { decodeFloats, decodeSeries, recordsOfSeries } from '../../core/contract/series-codec.js';
import type { MetricRecord } from '../../core/run/types.js';
import type { RunSpec } from '../../core/spec/expand.js';
import type { WorkerHandle, WorkerLauncher } from './launcher.js';
import { lastLine } from './output-tail.js';
import type { PoolEvents, RunOutcome } from './pool-events.js';
import { TypedEmitter } from './typed-emitter.js';

export interface WorkerPoolOptions {
  launcher: WorkerLauncher;
  /** Runs at once; default os.availableParallelism(). */
  size?: number;
  /**
   * A worker that sends nothing for this long is hung: its run fails and it is
   * killed. Training workers report at least every batch (~100 ms); the
   * first message (`ready`) comes after the engine and the data are loaded.
   */
  heartbeatMs?: number;
  /** How long a cancelled worker may take to stop before it is killed. */
  cancelGraceMs?: number;
  /** How long a worker may linger after its last message (`done`, `error`). */
  exitGraceMs?: number;
  /** Interval between metric batches, passed to the workers (default: the loop's 100 ms). */
  batchMs?: number;
  /** Ask every worker for its run's NTK Gram at theta_0 and at the end (the `ntk` event). */
  ntkMatrix?: boolean;
  /** Where errors thrown by event listeners go (default console.error). */
  onError?: (err: unknown) => void;
}

export const DEFAULT_HEARTBEAT_MS = 60_000;
export const DEFAULT_CANCEL_GRACE_MS = 5_000;
export const DEFAULT_EXIT_GRACE_MS = 2_000;

interface Job {
  runId: string;
  spec: RunSpec;
  baseDir: string;
}

interface Active {
  job: Job;
  handle: WorkerHandle;
  heartbeat: NodeJS.Timeout | null;
  killTimer: NodeJS.Timeout | null;
  /** The run's outcome was reported; later messages are ignored. */
  ended: boolean;
  exited: boolean;
  cancelReason: string | null;
  killedAfterGrace: boolean;
  /** Last recorded loss: restores a NaN or infinite final loss that JSON turned into null. */
  lastLoss: number | null;
}

function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`the pool size must be a whole number >= 1 (got ${size})`);
  return size;
}

function describeExit(code: number | null, signal: string | null): string {
  if (signal !== null) return `was killed by ${signal}`;
  return code === null ? 'exited' : `exited with code ${code}`;
}

function lastLossOf(records: readonly MetricRecord[]): number | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const loss = records[i]!.loss;
    if (loss !== undefined) return loss;
  }
  return null;
}

export class WorkerPool extends TypedEmitter<PoolEvents> {
  private poolSize: number;
  private readonly launcher: WorkerLauncher;
  private readonly heartbeatMs: number;
  private readonly cancelGraceMs: number;
  private readonly exitGraceMs: number;
  private readonly batchMs: number | undefined;
  private readonly ntkMatrix: boolean;
  private readonly queue: Job[] = [];
  private readonly active = new Map<string, Active>();
  private closing = false;
  private drainWaiters: (() => void)[] = [];

  constructor(options: WorkerPoolOptions) {
    super(options.onError);
    this.launcher = options.launcher;
    this.poolSize = checkSize(options.size ?? availableParallelism());
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    this.exitGraceMs = options.exitGraceMs ?? DEFAULT_EXIT_GRACE_MS;
    this.batchMs = options.batchMs;
    this.ntkMatrix = options.ntkMatrix ?? false;
  }

  get size(): number {
    return this.poolSize;
  }

  /** Change the number of runs at once; running runs are never stopped, a smaller pool just starts fewer. */
  setSize(size: number): void {
    this.poolSize = checkSize(size);
    this.pump();
  }

  /** Worker processes alive (including one finishing its exit). */
  get running(): number {
    return this.active.size;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Whether the run is queued or running here. */
  has(runId: string): boolean {
    return this.queue.some((j) => j.runId === runId) || (this.active.has(runId) && !this.active.get(runId)!.ended);
  }

  /** Queue a run; `baseDir` is where its relative CSV path resolves. */
  submit(runId: string, spec: RunSpec, baseDir: string): void {
    if (this.closing) throw new Error('the worker pool is closed');
    if (this.has(runId)) throw new Error(`run ${runId} is already in the pool`);
    this.queue.push({ runId, spec, baseDir });
    this.pump();
  }

  /**
   * Cancel a run: a queued one leaves the queue at once; a running one is asked
   * to stop (it ends with its partial result) and killed after the grace period.
   * False when the pool does not have the run (or it already ended).
   */
  cancel(runId: string, reason = 'cancelled by the user'): boolean {
    const queued = this.queue.findIndex((j) => j.runId === runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.emit('state', { runId, state: 'ended', outcome: { kind: 'cancelled', reason: `${reason} before it started` } });
      this.settle();
      return true;
    }
    const a = this.active.get(runId);
    if (!a || a.ended) return false;
    if (a.cancelReason === null) {
      a.cancelReason = reason;
      a.handle.send({ type: 'cancel' });
      this.armKill(a, this.cancelGraceMs, () => {
        a.killedAfterGrace = true;
      });
    }
    return true;
  }

  /** End a running run as failed for a reason the host found (e.g. the store refused its metrics). */
  fail(runId: string, reason: string): boolean {
    const a = this.active.get(runId);
    if (!a || a.ended) return false;
    this.end(a, { kind: 'failed', reason }, true);
    return true;
  }

  /**
   * Stop: queued runs end `interrupted`, running ones are cancelled with
   * `reason`; resolves once every worker process has exited.
   */
  async close(reason = 'stopped because the lab was closed'): Promise<void> {
    this.closing = true;
    for (const job of this.queue.splice(0)) {
      this.emit('state', { runId: job.runId, state: 'ended', outcome: { kind: 'interrupted', reason: `${reason} before it started` } });
    }
    for (const runId of [...this.active.keys()]) this.cancel(runId, reason);
    if (this.active.size > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.closing && this.active.size < this.poolSize && this.queue.length > 0) this.start(this.queue.shift()!);
  }

  private settle(): void {
    if (this.active.size > 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private start(job: Job): void {
    let handle: WorkerHandle;
    try {
      handle = this.launcher.launch();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.emit('state', { runId: job.runId, state: 'ended', outcome: { kind: 'failed', reason: `could not start a worker process: ${why}` } });
      return;
    }
    const a: Active = { job, handle, heartbeat: null, killTimer: null, ended: false, exited: false, cancelReason: null, killedAfterGrace: false, lastLoss: null };
    this.active.set(job.runId, a);
    a.heartbeat = setTimeout(() => this.onSilence(a), this.heartbeatMs);
    handle.onMessage((raw) => this.onMessage(a, raw));
    handle.onExit((code, signal) => this.onExit(a, code, signal));
    this.emit('state', { runId: job.runId, state: 'started' });
    handle.send({
      type: 'start',
      runId: job.runId,
      spec: job.spec,
      baseDir: job.baseDir,
      ...(this.batchMs !== undefined ? { batchMs: this.batchMs } : {}),
      ...(this.ntkMatrix ? { ntkMatrix: true } : {}),
    });
  }

  private onMessage(a: Active, raw: unknown): void {
    if (a.ended) return;
    const parsed = workerToHostSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.end(a, { kind: 'failed', reason: `the worker sent an invalid message (${formatPath(issue.path)}: ${issue.message})` }, true);
      return;
    }
    a.heartbeat?.refresh();
    const runId = a.job.runId;
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.emit('state', { runId, state: 'ready', environment: msg.environment });
        return;
      case 'metrics': {
        let records: MetricRecord[];
        try {
          records = recordsOfSeries(decodeSeries(msg.series));
        } catch (err) {
          this.end(a, { kind: 'failed', reason: `the worker sent an invalid metric batch (${(err as Error).message})` }, true);
          return;
        }
        a.lastLoss = lastLossOf(records) ?? a.lastLoss;
        this.emit('metrics', { runId, series: msg.series, records });
        return;
      }
      case 'progress':
        this.emit('progress', { runId, step: msg.step, totalSteps: msg.totalSteps, loss: msg.loss, elapsedMs: msg.elapsedMs });
        return;
      case 'ntk': {
        let h0: Float64Array;
        let hT: Float64Array;
        try {
          h0 = decodeFloats(msg.h0, msg.n * msg.n);
          hT = decodeFloats(msg.hT, msg.n * msg.n);
        } catch (err) {
          this.end(a, { kind: 'failed', reason: `the worker sent an invalid NTK matrix (${(err as Error).message})` }, true);
          return;
        }
        this.emit('ntk', { runId, n: msg.n, step: msg.step, h0, hT });
        return;
      }
      case 'done': {
        const result = { ...msg.result };
        if (result.finalLoss === null && a.lastLoss !== null) result.finalLoss = a.lastLoss;
        if (result.status === 'cancelled' && a.cancelReason !== null) result.reason = a.cancelReason;
        this.end(a, { kind: 'result', result }, false);
        return;
      }
      case 'error':
        this.end(a, { kind: 'failed', reason: msg.message }, false);
        return;
    }
  }

  private onSilence(a: Active): void {
    const seconds = Math.round(this.heartbeatMs / 100) / 10;
    this.end(a, { kind: 'failed', reason: `the worker stopped reporting (nothing for ${seconds} s): it hung, or one step takes longer than that` }, true);
  }

  private onExit(a: Active, code: number | null, signal: string | null): void {
    a.exited = true;
    if (a.heartbeat) clearTimeout(a.heartbeat);
    if (a.killTimer) clearTimeout(a.killTimer);
    if (!a.ended) {
      if (a.cancelReason !== null) {
        const killed = a.killedAfterGrace ? `; the worker did not stop within ${this.cancelGraceMs / 1000} s and was killed` : '';
        this.end(a, { kind: 'cancelled', reason: a.cancelReason + killed }, false);
      } else {
        const said = lastLine(a.handle.output());
        this.end(a, { kind: 'failed', reason: `the worker process ${describeExit(code, signal)} before the run ended${said ? ` (${said})` : ''}` }, false);
      }
    }
    this.active.delete(a.job.runId);
    this.pump();
    this.settle();
  }

  /** Report the outcome once; the process is killed now, or after the exit grace if it does not leave by itself. */
  private end(a: Active, outcome: RunOutcome, kill: boolean): void {
    if (a.ended) return;
    a.ended = true;
    if (a.heartbeat) clearTimeout(a.heartbeat);
    a.heartbeat = null;
    this.emit('state', { runId: a.job.runId, state: 'ended', outcome });
    if (kill) a.handle.kill();
    else this.armKill(a, this.exitGraceMs);
  }

  private armKill(a: Active, ms: number, before?: () => void): void {
    if (a.killTimer) clearTimeout(a.killTimer);
    if (a.exited) return;
    a.killTimer = setTimeout(() => {
      before?.();
      a.handle.kill();
    }, ms);
  }
}
