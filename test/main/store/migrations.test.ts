import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../../main/store/migrations.js';
import { RunStore, SCHEMA_VERSION, StoreError } from '../../../main/store/index.js';
import { experiment, runSpecs, tempDir } from './fixtures/experiment.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openError(d: string, migrations?: readonly Migration[]): StoreError {
  try {
    RunStore.open(d, migrations ? { migrations } : {}).close();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected RunStore.open to throw');
}

function pragma(file: string, name: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma(name, { simple: true });
  } finally {
    db.close();
  }
}

describe('schema versions and migrations', () => {
  it('creates a new store at the newest schema, marked as a Convergence Lab file', () => {
    const d = dir();
    RunStore.open(d).close();
    const file = join(d, 'lab.sqlite');
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
    expect(pragma(file, 'application_id')).toBe(0x434c4142);
    expect(pragma(file, 'journal_mode')).toBe('wal');
  });

  it('applies only the missing migrations, in order, keeping the data', () => {
    const d = dir();
    const v1 = RunStore.open(d);
    const e = experiment();
    const experimentId = v1.createExperiment({ name: e.name, spec: e });
    v1.close();

    const applied: number[] = [];
    const v2: Migration = {
      version: 2,
      description: 'a test column',
      up(db) {
        applied.push(2);
        db.exec("ALTER TABLE experiments ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'");
      },
    };
    const store = RunStore.open(d, { migrations: [...MIGRATIONS, v2] });
    expect(store.getExperiment(experimentId).name).toBe(e.name);
    store.close();
    expect(applied).toEqual([2]);
    expect(pragma(join(d, 'lab.sqlite'), 'user_version')).toBe(2);

    RunStore.open(d, { migrations: [...MIGRATIONS, v2] }).close();
    expect(applied).toEqual([2]); // not applied twice
  });

  it('rolls a failing migration back entirely', () => {
    const d = dir();
    RunStore.open(d).close();
    const broken: Migration = {
      version: 2,
      description: 'fails half way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => RunStore.open(d, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    const file = join(d, 'lab.sqlite');
    expect(pragma(file, 'user_version')).toBe(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").all()).toEqual([]);
    db.close();
    RunStore.open(d).close();
  });

  it('refuses a store written by a newer version and leaves it byte-identical', () => {
    const d = dir();
    const first = RunStore.open(d);
    const e = experiment();
    first.createRuns(first.createExperiment({ name: e.name, spec: e }), runSpecs(e));
    first.close();
    const file = join(d, 'lab.sqlite');
    // A future version: schema 7, and its runs still "running".
    const future = new Database(file);
    future.pragma('user_version = 7');
    future.exec("UPDATE runs SET status = 'running'");
    future.pragma('journal_mode = DELETE');
    future.close();
    const before = readFileSync(file);

    const err = openError(d);
    expect(err.code).toBe('newer-schema');
    expect(err.message).toContain(
      `this data folder (${file}) was written by a newer Convergence Lab (schema 7); this version reads up to ${SCHEMA_VERSION}`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(d)).toEqual(['lab.sqlite']);
  });

  it('refuses a file of garbage, naming it, and leaves it byte-identical', () => {
    for (const garbage of [
      randomBytes(8192),
      Buffer.from('not a database at all\n'),
      // The right magic, then noise.
      Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(4096)]),
    ]) {
      const d = dir();
      const file = join(d, 'lab.sqlite');
      writeFileSync(file, garbage);
      const err = openError(d);
      expect(err.code).toBe('corrupt');
      expect(err.message).toContain(`cannot open the run store ${file}`);
      expect(err.message).toContain('left untouched');
      expect(readFileSync(file).equals(garbage)).toBe(true);
      expect(readdirSync(d)).toEqual(['lab.sqlite']);
    }
  });

  it('refuses a SQLite file that belongs to another application', () => {
    const d = dir();
    const file = join(d, 'lab.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    other.close();
    const before = readFileSync(file);
    const err = openError(d);
    expect(err.code).toBe('corrupt');
    expect(err.message).toContain('another application');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('treats an empty file as a new store', () => {
    const d = dir();
    writeFileSync(join(d, 'lab.sqlite'), '');
    const store = RunStore.open(d);
    expect(store.listExperiments()).toEqual([]);
    store.close();
  });
});
