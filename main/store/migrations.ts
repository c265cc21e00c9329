/**
 * The store's schema, as an ordered list of migrations. `PRAGMA user_version`
 * holds how many have been applied; opening a store applies the missing ones in
 * one transaction, so a crash mid-migration leaves the file at the old version.
 * Never edit a released migration: append a new one.
 */
import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';

export interface Migration {
  /** 1-based; equal to the migration's index in MIGRATIONS plus one. */
  version: number;
  description: string;
  up(db: Database): void;
}

/** `PRAGMA application_id`: marks a SQLite file as a Convergence Lab store ('CLAB'). */
export const APPLICATION_ID = 0x434c4142;

const RUN_STATUSES_SQL = `'queued','running','finished','diverged','failed','cancelled','interrupted'`;

const v1: Migration = {
  version: 1,
  description: 'experiments, runs, tags and metric chunks',
  up(db) {
    db.exec(`
      PRAGMA application_id = ${APPLICATION_ID};

      CREATE TABLE experiments (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        spec        TEXT NOT NULL,          -- JSON of the validated Experiment
        source_path TEXT,
        created_at  INTEGER NOT NULL        -- ms since epoch, as every timestamp here
      ) STRICT;

      CREATE TABLE runs (
        id              TEXT PRIMARY KEY,
        experiment_id   TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        position        INTEGER NOT NULL,   -- order of the run within its experiment
        label           TEXT NOT NULL,
        optimizer       TEXT NOT NULL,
        seed            INTEGER NOT NULL,
        replicate       INTEGER NOT NULL,
        spec            TEXT NOT NULL,      -- JSON of the RunSpec
        status          TEXT NOT NULL CHECK (status IN (${RUN_STATUSES_SQL})),
        reason          TEXT,
        environment     TEXT,               -- JSON of the RunEnvironment
        created_at      INTEGER NOT NULL,
        started_at      INTEGER,
        finished_at     INTEGER,
        steps           INTEGER,
        final_loss      ANY,                -- REAL, or the TEXT 'NaN' (SQLite turns a bound NaN into NULL)
        steps_to_target INTEGER,
        rate            TEXT,               -- JSON of the RateFit
        wall_ms         REAL,
        name            TEXT,               -- the user's name for the run; NULL shows the label
        note            TEXT NOT NULL DEFAULT '',
        -- Who owns a queued/running run, so that opening the store only
        -- interrupts runs whose process is gone (run-owner.ts).
        owner_host      TEXT,
        owner_pid       INTEGER,
        owner_session   TEXT
      ) STRICT;
      CREATE INDEX runs_by_experiment ON runs(experiment_id, position);
      CREATE INDEX runs_by_status ON runs(status);

      CREATE TABLE run_tags (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        tag    TEXT NOT NULL,
        PRIMARY KEY (run_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX run_tags_by_tag ON run_tags(tag);

      -- One row per appended batch; the encoding is described in metric-codec.ts.
      CREATE TABLE metric_chunks (
        run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        first_step REAL NOT NULL,           -- smallest step in the chunk
        last_step  REAL NOT NULL,           -- largest step in the chunk
        rows       INTEGER NOT NULL,
        columns    TEXT NOT NULL,
        data       BLOB NOT NULL,
        presence   BLOB,
        PRIMARY KEY (run_id, seq)
      ) STRICT;
    `);
  },
};

export const MIGRATIONS: readonly Migration[] = [v1];

/** The newest schema this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function newerSchemaError(where: string, found: number, known: number): StoreError {
  return new StoreError(
    'newer-schema',
    `this data folder (${where}) was written by a newer Convergence Lab (schema ${found}); ` +
      `this version reads up to ${known}. The file was left untouched: update Convergence Lab, or use another --data-dir.`,
  );
}

/**
 * Bring the database up to the last migration of `migrations`, in one
 * IMMEDIATE transaction (so two processes opening the same new store do not
 * both migrate). A failing migration rolls back everything.
 */
export function migrate(db: Database, where: string, migrations: readonly Migration[] = MIGRATIONS): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}; versions must be 1, 2, 3, ...`);
  });
  const target = migrations.length;
  db.transaction(() => {
    const current = readUserVersion(db);
    if (current > target) throw newerSchemaError(where, current, target);
    for (const m of migrations.slice(current)) m.up(db);
    // user_version lives in the header page, so it commits (or rolls back) with the migrations.
    if (current !== target) db.pragma(`user_version = ${target}`);
  }).immediate();
}
