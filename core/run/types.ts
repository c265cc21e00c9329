/**
 * What a run produces: metric records (streamed in batches) and a summary.
 * These shapes cross every boundary (worker to host, host to store, store to
 * renderer, CLI output), so they are plain JSON-able data.
 */
import type { BackendName } from '../engine/backend.js';

/**
 * One recorded step. `step` and `time_ms` (wall time since the run started)
 * are always present; every other key is a metric column name of SPEC.md
 * (`loss`, `grad_norm`, `ntk_lambda_min`, ...). A metric not recorded at this
 * step is absent (an empty cell in CSV).
 */
export interface MetricRecord {
  step: number;
  time_ms: number;
  [metric: string]: number;
}

export type RunStatus = 'queued' | 'running' | 'finished' | 'diverged' | 'failed' | 'cancelled' | 'interrupted';
/** Statuses after which a run never changes again. */
export const FINAL_STATUSES: readonly RunStatus[] = ['finished', 'diverged', 'failed', 'cancelled', 'interrupted'];

export interface RateFit {
  kind: 'linear' | 'sublinear' | 'undetermined';
  /** Per-step factor of a linear rate: L_k ~ C rho^k. */
  rho: number | null;
  /** Exponent of a sublinear rate: L_k ~ C k^-p. */
  exponent: number | null;
  /** R^2 of the chosen fit (of the better one when undetermined). */
  r2: number | null;
}

/** Provenance of a run: enough to reproduce it exactly. */
export interface RunEnvironment {
  backend: BackendName;
  tfjs: string;
  simd: boolean | null;
  node: string;
  lab: string;
  /** SHA-256 of the CSV file the data came from, when it did. */
  dataSha256: string | null;
}

export interface RunResult {
  status: Exclude<RunStatus, 'queued' | 'running' | 'interrupted'>;
  /** Optimizer steps taken. */
  steps: number;
  finalLoss: number | null;
  /** First recorded step at which loss <= targetLoss, or null. */
  stepsToTarget: number | null;
  rate: RateFit;
  wallMs: number;
  /** Why a run diverged or failed, in a line. */
  reason: string | null;
  environment: RunEnvironment;
}

/** Progress as the loop reports it (at most every batch interval). */
export interface RunProgress {
  step: number;
  totalSteps: number;
  loss: number | null;
  elapsedMs: number;
}
