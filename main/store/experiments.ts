/** The experiments table: one row per experiment file run (or designed) in the lab. */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Experiment } from '../../core/spec/schema.js';
import { StoreError } from './store-error.js';
import type { ExperimentListing, NewExperiment, StoredExperiment } from './types.js';

interface ExperimentRow {
  id: string;
  name: string;
  source_path: string | null;
  created_at: number;
  run_count: number;
  spec?: string;
}

const LISTING_SQL = `
  SELECT e.id, e.name, e.source_path, e.created_at,
         (SELECT count(*) FROM runs r WHERE r.experiment_id = e.id) AS run_count`;

function listing(row: ExperimentRow): ExperimentListing {
  return {
    id: row.id,
    name: row.name,
    sourcePath: row.source_path,
    createdAt: row.created_at,
    runCount: row.run_count,
  };
}

export class ExperimentTable {
  private readonly insert;
  private readonly selectAll;
  private readonly selectOne;
  private readonly liveRuns;
  private readonly remove;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[string, string, string, string | null, number]>(
      'INSERT INTO experiments (id, name, spec, source_path, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectAll = db.prepare<[], ExperimentRow>(`${LISTING_SQL} FROM experiments e ORDER BY e.created_at, e.rowid`);
    this.selectOne = db.prepare<[string], ExperimentRow>(`${LISTING_SQL}, e.spec FROM experiments e WHERE e.id = ?`);
    this.liveRuns = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM runs WHERE experiment_id = ? AND status IN ('queued', 'running')`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM experiments WHERE id = ?');
  }

  create(input: NewExperiment): string {
    const name = input.name.trim();
    if (name.length === 0) throw new StoreError('invalid', 'an experiment needs a name');
    const id = randomUUID();
    this.insert.run(id, name, JSON.stringify(input.spec), input.sourcePath ?? null, Date.now());
    return id;
  }

  list(): ExperimentListing[] {
    return this.selectAll.all().map(listing);
  }

  get(id: string): StoredExperiment {
    const row = this.selectOne.get(id);
    if (row === undefined) throw new StoreError('not-found', `no experiment with id ${id}`);
    return { ...listing(row), spec: JSON.parse(row.spec!) as Experiment };
  }

  /** Deletes the experiment with its runs, tags and metrics (ON DELETE CASCADE). */
  delete(id: string): void {
    this.get(id);
    const live = this.liveRuns.get(id)!.n;
    if (live > 0) {
      throw new StoreError('invalid', `experiment ${id} has ${live} queued or running run(s); cancel them before deleting it`);
    }
    this.remove.run(id);
  }
}
