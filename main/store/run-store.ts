/**
 * The run store: experiments, runs, tags and metrics in one SQLite file,
 * `<data dir>/lab.sqlite` (WAL, versioned schema: open-database.ts,
 * migrations.ts). Synchronous (better-sqlite3): every call is short, and an
 * appended batch is one transaction, so a crash loses at most the batch in flight.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { MetricRecord, RunEnvironment, RunResult } from '../../core/run/types.js';
import type { RunSpec } from '../../core/spec/expand.js';
import { ExperimentTable } from './experiments.js';
import { SCHEMA_VERSION } from './migrations.js';
import type { MetricSeries } from './metric-series.js';
import { MetricTable } from './metrics.js';
import { DATABASE_FILE, asCorruptError, openDatabase, type OpenOptions } from './open-database.js';
import { endSession, startSession, type RunOwner } from './run-owner.js';
import { RunTable } from './runs.js';
import { StoreError } from './store-error.js';
import type {
  ExperimentListing,
  FailStatus,
  MetricQuery,
  NewExperiment,
  RunFilter,
  RunListing,
  StoredExperiment,
  StoredRun,
} from './types.js';

export class RunStore {
  /** Runs found queued or running at open whose process was gone, now `interrupted`. */
  readonly interruptedOnOpen: readonly string[];
  private readonly experiments: ExperimentTable;
  private readonly runs: RunTable;
  private readonly metrics: MetricTable;
  private closed = false;

  private constructor(
    /** The data folder. */
    readonly dir: string,
    private readonly db: Database.Database,
    private readonly owner: RunOwner,
  ) {
    this.experiments = new ExperimentTable(db);
    this.runs = new RunTable(db, owner);
    this.metrics = new MetricTable(db);
    this.interruptedOnOpen = this.runs.interruptOrphans();
  }

  /**
   * Open the store in `dir` (created when missing). Throws StoreError `corrupt`
   * or `newer-schema` for a file it must not touch, leaving that file unchanged.
   */
  static open(dir: string, options: OpenOptions = {}): RunStore {
    const db = openDatabase(dir, options);
    const owner = startSession();
    try {
      return new RunStore(dir, db, owner);
    } catch (e) {
      endSession(owner);
      db.close();
      throw asCorruptError(join(dir, DATABASE_FILE), e) ?? e;
    }
  }

  /** The database file. */
  get file(): string {
    return join(this.dir, DATABASE_FILE);
  }

  /** The schema version this code writes. */
  static readonly schemaVersion = SCHEMA_VERSION;

  // ------------------------------------------------------------ experiments

  createExperiment(input: NewExperiment): string {
    return this.experiments.create(input);
  }

  getExperiment(id: string): StoredExperiment {
    return this.experiments.get(id);
  }

  listExperiments(): ExperimentListing[] {
    return this.experiments.list();
  }

  /** Deletes the experiment and all its runs; refused while one of them is queued or running. */
  deleteExperiment(id: string): void {
    this.experiments.delete(id);
  }

  // ------------------------------------------------------------ runs: lifecycle

  /** Adds the runs, `queued`, in one transaction; returns their ids in the same order. */
  createRuns(experimentId: string, runs: readonly RunSpec[]): string[] {
    this.experiments.get(experimentId);
    return this.runs.create(experimentId, runs);
  }

  /** `queued` -> `running`. Returns false (and changes nothing) when the run is no longer queued. */
  markRunning(runId: string, environment?: RunEnvironment | null): boolean {
    return this.runs.markRunning(runId, environment);
  }

  /** Appends one batch of records in one transaction. */
  appendMetrics(runId: string, records: readonly MetricRecord[]): void {
    this.runs.status(runId);
    this.metrics.append(runId, records);
  }

  /** Ends the run with its result. Returns false when it had already ended (e.g. cancelled meanwhile). */
  finishRun(runId: string, result: RunResult): boolean {
    return this.runs.finish(runId, result);
  }

  /** Ends the run without a result. Returns false when it had already ended. */
  failRun(runId: string, status: FailStatus, reason: string): boolean {
    return this.runs.fail(runId, status, reason);
  }

  // ------------------------------------------------------------ runs: reading

  listRuns(filter?: RunFilter): RunListing[] {
    return this.runs.list(filter);
  }

  getRun(runId: string): StoredRun {
    return this.runs.get(runId);
  }

  /** The full id of the one run whose id starts with `prefix`; StoreError `not-found` or `ambiguous` otherwise. */
  resolveRunId(prefix: string): string {
    return this.runs.resolveId(prefix);
  }

  getMetrics(runId: string, query?: MetricQuery): MetricSeries {
    this.runs.status(runId);
    return this.metrics.read(runId, query);
  }

  /** The metric columns the run has recorded, besides `step` and `time_ms`. */
  metricColumns(runId: string): string[] {
    this.runs.status(runId);
    return this.metrics.columns(runId);
  }

  // ------------------------------------------------------------ runs: the user's edits

  renameRun(runId: string, name: string | null): void {
    this.runs.rename(runId, name);
  }

  setTags(runId: string, tags: readonly string[]): string[] {
    return this.runs.setTags(runId, tags);
  }

  setNote(runId: string, note: string): void {
    this.runs.setNote(runId, note);
  }

  /** Deletes the run with its tags and metrics; refused while it is queued or running. */
  deleteRun(runId: string): void {
    this.runs.delete(runId);
  }

  // ------------------------------------------------------------

  /**
   * Closes the file. Runs this store still has queued or running become
   * `interrupted`: their results can no longer reach it. Calling close twice is harmless.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.db.open) this.runs.interruptSession();
    } finally {
      endSession(this.owner);
      this.db.close();
    }
  }

  /** For error messages that must name the file. */
  toString(): string {
    return `RunStore(${this.file})`;
  }
}

export { StoreError };
