/**
 * What the run store hands out. Run and metric shapes come from core (RunSpec,
 * RunStatus, RunEnvironment, RateFit, MetricRecord); these add what only the
 * store knows: ids, timestamps, the user's name, tags and note.
 * Every timestamp is milliseconds since the Unix epoch.
 */
import type { RunSpec } from '../../core/spec/expand.js';
import type { Experiment, OptimizerKind } from '../../core/spec/schema.js';
import type { RateFit, RunEnvironment, RunStatus } from '../../core/run/types.js';

export interface NewExperiment {
  name: string;
  /** The validated experiment, defaults filled in. */
  spec: Experiment;
  /** The experiment file it was read from, when there was one. */
  sourcePath?: string | null;
}

export interface ExperimentListing {
  id: string;
  name: string;
  sourcePath: string | null;
  createdAt: number;
  runCount: number;
}

export interface StoredExperiment extends ExperimentListing {
  spec: Experiment;
}

/** A run as lists show it: everything but its spec. */
export interface RunListing {
  id: string;
  experimentId: string;
  experimentName: string;
  label: string;
  /** The user's name for the run (renameRun); null shows the label. */
  name: string | null;
  optimizer: OptimizerKind;
  seed: number;
  replicate: number;
  status: RunStatus;
  /** Why a run diverged, failed, was cancelled or interrupted. */
  reason: string | null;
  /** Set when the run starts (if the worker reports it) and when it ends. */
  environment: RunEnvironment | null;
  createdAt: number;
  startedAt: number | null;
  /** When the run ended; null while it runs, and for an interrupted run (the moment is unknown). */
  finishedAt: number | null;
  /** Summary, null until the run ends with a result (finishRun). */
  steps: number | null;
  /** May be NaN or +-Infinity for a diverged run. */
  finalLoss: number | null;
  stepsToTarget: number | null;
  rate: RateFit | null;
  wallMs: number | null;
  note: string;
  /** Sorted. */
  tags: string[];
}

export interface StoredRun extends RunListing {
  spec: RunSpec;
}

export interface RunFilter {
  experimentId?: string;
  status?: RunStatus | readonly RunStatus[];
  /**
   * Case-insensitive substring of the run's name, label, optimizer kind,
   * experiment name or one of its tags; or a prefix of its id.
   */
  search?: string;
  /** Runs carrying exactly this tag. */
  tag?: string;
}

export interface MetricQuery {
  /** Metric columns to read (`step` and `time_ms` always come); all the run has when omitted. */
  columns?: readonly string[];
  /** Inclusive step range. */
  fromStep?: number;
  toStep?: number;
}

/** Statuses a run can be ended with by failRun (finishRun takes a RunResult). */
export type FailStatus = Exclude<RunStatus, 'queued' | 'running' | 'finished'>;
