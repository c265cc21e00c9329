/** What the worker pool reports about the runs it was given. */
import type { EncodedSeries } from '../../core/contract/records.js';
import type { MetricRecord, RunEnvironment, RunProgress, RunResult } from '../../core/run/types.js';

/** How a run left the pool. */
export type RunOutcome =
  /** The worker ended the run and sent its result (finished, diverged, failed inside the loop, cancelled). */
  | { kind: 'result'; result: RunResult }
  /** The worker crashed, hung, sent garbage, or could not set up (its `error` message). */
  | { kind: 'failed'; reason: string }
  /** Cancelled before its worker could report a result (queued, or killed after the grace period). */
  | { kind: 'cancelled'; reason: string }
  /** Still queued when the pool closed: it never ran. */
  | { kind: 'interrupted'; reason: string };

export type PoolStateEvent =
  /** A worker process was launched for the run. */
  | { runId: string; state: 'started' }
  /** The worker chose its engine and loaded the data; training begins. */
  | { runId: string; state: 'ready'; environment: RunEnvironment }
  | { runId: string; state: 'ended'; outcome: RunOutcome };

export interface PoolEvents {
  state: PoolStateEvent;
  /** One batch from the worker: as it came on the wire, and decoded. */
  metrics: { runId: string; series: EncodedSeries; records: MetricRecord[] };
  progress: { runId: string } & RunProgress;
  /** The NTK Gram at theta_0 and at the run's end (only with the pool's `ntkMatrix`), before the run ends. */
  ntk: { runId: string } & NtkMatrices;
}

/** H_0 and H_T: n x n, row-major, float64 as the worker computed them. */
export interface NtkMatrices {
  n: number;
  /** The step of hT. */
  step: number;
  h0: Float64Array;
  hT: Float64Array;
}
