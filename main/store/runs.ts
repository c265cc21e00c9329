/** The runs table and its tags: creating runs, their status transitions, listing and editing them. */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { RunSpec } from '../../core/spec/expand.js';
import type { OptimizerKind } from '../../core/spec/schema.js';
import type { RunEnvironment, RunResult, RunStatus } from '../../core/run/types.js';
import { INTERRUPTED_REASON, isOwnerAlive, type RunOwner } from './run-owner.js';
import { fromSqlNumber, likeLiteral, rateFromJson, rateToJson, toSqlNumber } from './sql-values.js';
import { StoreError } from './store-error.js';
import type { FailStatus, RunFilter, RunListing, StoredRun } from './types.js';

interface RunRow {
  id: string;
  experiment_id: string;
  experiment_name: string;
  label: string;
  name: string | null;
  optimizer: string;
  seed: number;
  replicate: number;
  status: RunStatus;
  reason: string | null;
  environment: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  steps: number | null;
  final_loss: number | string | null;
  steps_to_target: number | null;
  rate: string | null;
  wall_ms: number | null;
  note: string;
  tags: string;
  spec?: string;
}

const LISTING_COLUMNS = `
  r.id, r.experiment_id, e.name AS experiment_name, r.label, r.name, r.optimizer, r.seed, r.replicate,
  r.status, r.reason, r.environment, r.created_at, r.started_at, r.finished_at, r.steps, r.final_loss,
  r.steps_to_target, r.rate, r.wall_ms, r.note,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM run_tags t WHERE t.run_id = r.id ORDER BY tag)) AS tags`;
const FROM = 'FROM runs r JOIN experiments e ON e.id = r.experiment_id';
const ORDER = 'ORDER BY e.created_at, e.rowid, r.position';

const LIVE = `('queued', 'running')`;
const RESULT_STATUSES: readonly RunStatus[] = ['finished', 'diverged', 'failed', 'cancelled'];
const FAIL_STATUSES: readonly RunStatus[] = ['diverged', 'failed', 'cancelled', 'interrupted'];

function listing(row: RunRow): RunListing {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    experimentName: row.experiment_name,
    label: row.label,
    name: row.name,
    optimizer: row.optimizer as OptimizerKind,
    seed: row.seed,
    replicate: row.replicate,
    status: row.status,
    reason: row.reason,
    environment: row.environment === null ? null : (JSON.parse(row.environment) as RunEnvironment),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    steps: row.steps,
    finalLoss: fromSqlNumber(row.final_loss),
    stepsToTarget: row.steps_to_target,
    rate: rateFromJson(row.rate),
    wallMs: row.wall_ms,
    note: row.note,
    tags: JSON.parse(row.tags) as string[],
  };
}

/** Trimmed, non-empty, unique, sorted. */
function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))].sort();
}

export class RunTable {
  private readonly nextPosition;
  private readonly insert;
  private readonly statusOf;
  private readonly toRunning;
  private readonly toFinished;
  private readonly toFailed;
  private readonly liveOwners;
  private readonly toInterrupted;
  private readonly sessionRuns;
  private readonly selectOne;
  private readonly byPrefix;
  private readonly setName;
  private readonly setNoteStmt;
  private readonly clearTags;
  private readonly addTag;
  private readonly remove;

  constructor(
    private readonly db: Database.Database,
    private readonly owner: RunOwner,
  ) {
    this.nextPosition = db.prepare<[string], { p: number }>(
      'SELECT coalesce(max(position) + 1, 0) AS p FROM runs WHERE experiment_id = ?',
    );
    this.insert = db.prepare(`
      INSERT INTO runs (id, experiment_id, position, label, optimizer, seed, replicate, spec, status, created_at,
                        owner_host, owner_pid, owner_session)
      VALUES (@id, @experimentId, @position, @label, @optimizer, @seed, @replicate, @spec, 'queued', @now,
              @host, @pid, @session)`);
    this.statusOf = db.prepare<[string], { status: RunStatus }>('SELECT status FROM runs WHERE id = ?');
    this.toRunning = db.prepare(`
      UPDATE runs SET status = 'running', started_at = @now, environment = coalesce(@environment, environment),
                      owner_host = @host, owner_pid = @pid, owner_session = @session
      WHERE id = @id AND status = 'queued'`);
    this.toFinished = db.prepare(`
      UPDATE runs SET status = @status, reason = @reason, environment = @environment, steps = @steps,
                      final_loss = @finalLoss, steps_to_target = @stepsToTarget, rate = @rate, wall_ms = @wallMs,
                      finished_at = @now, owner_host = NULL, owner_pid = NULL, owner_session = NULL
      WHERE id = @id AND status IN ${LIVE}`);
    this.toFailed = db.prepare(`
      UPDATE runs SET status = @status, reason = @reason, finished_at = @finishedAt,
                      owner_host = NULL, owner_pid = NULL, owner_session = NULL
      WHERE id = @id AND status IN ${LIVE}`);
    this.liveOwners = db.prepare<[], { id: string; owner_host: string | null; owner_pid: number | null; owner_session: string | null }>(
      `SELECT id, owner_host, owner_pid, owner_session FROM runs WHERE status IN ${LIVE}`,
    );
    this.toInterrupted = db.prepare<[string, string]>(`
      UPDATE runs SET status = 'interrupted', reason = ?,
                      owner_host = NULL, owner_pid = NULL, owner_session = NULL
      WHERE id = ? AND status IN ${LIVE}`);
    this.sessionRuns = db.prepare<[string], { id: string }>(
      `SELECT id FROM runs WHERE owner_session = ? AND status IN ${LIVE}`,
    );
    this.selectOne = db.prepare<[string], RunRow>(`SELECT ${LISTING_COLUMNS}, r.spec ${FROM} WHERE r.id = ?`);
    this.byPrefix = db.prepare<[string], { id: string }>(`SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6`);
    this.setName = db.prepare<[string | null, string]>('UPDATE runs SET name = ? WHERE id = ?');
    this.setNoteStmt = db.prepare<[string, string]>('UPDATE runs SET note = ? WHERE id = ?');
    this.clearTags = db.prepare<[string]>('DELETE FROM run_tags WHERE run_id = ?');
    this.addTag = db.prepare<[string, string]>('INSERT INTO run_tags (run_id, tag) VALUES (?, ?)');
    this.remove = db.prepare<[string]>('DELETE FROM runs WHERE id = ?');
  }

  /** Throws not-found unless the run exists; returns its status. */
  status(id: string): RunStatus {
    const row = this.statusOf.get(id);
    if (row === undefined) throw new StoreError('not-found', `no run with id ${id}`);
    return row.status;
  }

  create(experimentId: string, specs: readonly RunSpec[]): string[] {
    return this.db.transaction(() => {
      let position = this.nextPosition.get(experimentId)!.p;
      const now = Date.now();
      return specs.map((spec) => {
        const id = randomUUID();
        this.insert.run({
          id,
          experimentId,
          position: position++,
          label: spec.label,
          optimizer: spec.optimizer.kind,
          seed: spec.seed,
          replicate: spec.replicate,
          spec: JSON.stringify(spec),
          now,
          host: this.owner.host,
          pid: this.owner.pid,
          session: this.owner.session,
        });
        return id;
      });
    }).immediate();
  }

  /** Queued -> running. False when the run had already left `queued` (e.g. was cancelled). */
  markRunning(id: string, environment?: RunEnvironment | null): boolean {
    const changed = this.toRunning.run({
      id,
      now: Date.now(),
      environment: environment ? JSON.stringify(environment) : null,
      host: this.owner.host,
      pid: this.owner.pid,
      session: this.owner.session,
    }).changes;
    if (changed === 0) this.status(id);
    return changed > 0;
  }

  /** Ends a run with its result. False when the run had already ended (a late result after a cancel). */
  finish(id: string, result: RunResult): boolean {
    if (!RESULT_STATUSES.includes(result.status)) {
      throw new StoreError('invalid', `a run result cannot have status "${String(result.status)}"`);
    }
    const changed = this.toFinished.run({
      id,
      status: result.status,
      reason: result.reason,
      environment: JSON.stringify(result.environment),
      steps: result.steps,
      finalLoss: toSqlNumber(result.finalLoss),
      stepsToTarget: result.stepsToTarget,
      rate: rateToJson(result.rate),
      wallMs: result.wallMs,
      now: Date.now(),
    }).changes;
    if (changed === 0) this.status(id);
    return changed > 0;
  }

  /** Ends a run without a result. False when the run had already ended. */
  fail(id: string, status: FailStatus, reason: string): boolean {
    if (!FAIL_STATUSES.includes(status)) throw new StoreError('invalid', `failRun cannot set status "${String(status)}"`);
    const changed = this.toFailed.run({
      id,
      status,
      reason,
      // The moment an interrupted run stopped is unknown: leave it empty rather than guess.
      finishedAt: status === 'interrupted' ? null : Date.now(),
    }).changes;
    if (changed === 0) this.status(id);
    return changed > 0;
  }

  /** Runs left queued or running by a process that is gone become `interrupted`. Returns their ids. */
  interruptOrphans(): string[] {
    return this.db.transaction(() => {
      const orphans = this.liveOwners
        .all()
        .filter((r) => !isOwnerAlive(r.owner_host, r.owner_pid, r.owner_session))
        .map((r) => r.id);
      for (const id of orphans) this.toInterrupted.run(INTERRUPTED_REASON, id);
      return orphans;
    }).immediate();
  }

  /** This store's own queued and running runs become `interrupted` (on close: their worker cannot report to it). */
  interruptSession(): string[] {
    return this.db.transaction(() => {
      const ids = this.sessionRuns.all(this.owner.session).map((r) => r.id);
      for (const id of ids) this.toInterrupted.run(INTERRUPTED_REASON, id);
      return ids;
    }).immediate();
  }

  list(filter: RunFilter = {}): RunListing[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.experimentId !== undefined) {
      where.push('r.experiment_id = @experimentId');
      params.experimentId = filter.experimentId;
    }
    if (filter.status !== undefined) {
      const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
      where.push('r.status IN (SELECT value FROM json_each(@statuses))');
      params.statuses = JSON.stringify(statuses);
    }
    if (filter.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = @tag)');
      params.tag = filter.tag.trim();
    }
    const search = filter.search?.trim() ?? '';
    if (search.length > 0) {
      where.push(`(
        coalesce(r.name, '') LIKE @contains ESCAPE '\\' OR r.label LIKE @contains ESCAPE '\\'
        OR r.optimizer LIKE @contains ESCAPE '\\' OR e.name LIKE @contains ESCAPE '\\'
        OR r.id LIKE @prefix ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag LIKE @contains ESCAPE '\\'))`);
      params.contains = `%${likeLiteral(search)}%`;
      params.prefix = `${likeLiteral(search)}%`;
    }
    const sql = `SELECT ${LISTING_COLUMNS} ${FROM} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`;
    return this.db.prepare<[Record<string, string>], RunRow>(sql).all(params).map(listing);
  }

  get(id: string): StoredRun {
    const row = this.selectOne.get(id);
    if (row === undefined) throw new StoreError('not-found', `no run with id ${id}`);
    return { ...listing(row), spec: JSON.parse(row.spec!) as RunSpec };
  }

  /** The full id of the one run whose id starts with `prefix` (like git's short hashes). */
  resolveId(prefix: string): string {
    const p = prefix.trim().toLowerCase();
    if (p.length === 0) throw new StoreError('invalid', 'give a run id (or the first characters of one)');
    if (this.statusOf.get(p) !== undefined) return p;
    const matches = this.byPrefix.all(`${likeLiteral(p)}%`).map((r) => r.id);
    if (matches.length === 0) throw new StoreError('not-found', `no run has an id starting with "${p}"`);
    if (matches.length > 1) {
      const shown = matches.slice(0, 5).join(', ') + (matches.length > 5 ? ', ...' : '');
      const count = matches.length > 5 ? 'more than 5' : String(matches.length);
      throw new StoreError('ambiguous', `run id "${p}" is ambiguous: ${count} runs start with it (${shown}); give more characters`);
    }
    return matches[0]!;
  }

  /** Sets the user's name for a run; null or blank goes back to showing the label. */
  rename(id: string, name: string | null): void {
    this.status(id);
    const trimmed = name?.trim() ?? '';
    this.setName.run(trimmed.length > 0 ? trimmed : null, id);
  }

  setNote(id: string, note: string): void {
    this.status(id);
    this.setNoteStmt.run(note, id);
  }

  /** Replaces the run's tags; returns them as stored (trimmed, unique, sorted). */
  setTags(id: string, tags: readonly string[]): string[] {
    const clean = normalizeTags(tags);
    this.db.transaction(() => {
      this.status(id);
      this.clearTags.run(id);
      for (const tag of clean) this.addTag.run(id, tag);
    }).immediate();
    return clean;
  }

  /** Deletes a run with its tags and metrics. A queued or running run must be cancelled first. */
  delete(id: string): void {
    const status = this.status(id);
    if (status === 'queued' || status === 'running') {
      throw new StoreError('invalid', `run ${id} is ${status}; cancel it before deleting it`);
    }
    this.remove.run(id);
  }
}
