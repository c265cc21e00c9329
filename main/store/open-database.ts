/**
 * Opening `<dir>/lab.sqlite` safely. An existing file is first inspected
 * through a read-only connection, so that a damaged file, a foreign SQLite
 * file or one written by a newer Convergence Lab is refused without a single
 * byte of it being changed (setting WAL mode or migrating would write to it).
 */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_ID, MIGRATIONS, migrate, newerSchemaError, readUserVersion, type Migration } from './migrations.js';
import { StoreError } from './store-error.js';

export const DATABASE_FILE = 'lab.sqlite';
const SQLITE_MAGIC = 'SQLite format 3\0';

/** How long a write waits for another process's write (the app and the CLI may share a folder). */
const BUSY_TIMEOUT_MS = 10_000;

export function corrupt(file: string, why: string): StoreError {
  return new StoreError(
    'corrupt',
    `cannot open the run store ${file}: it is damaged or is not a Convergence Lab database (${why}). ` +
      'The file was left untouched; move it away to start a new store, or restore it from a backup.',
  );
}

function isSqliteError(e: unknown): e is Error & { code: string } {
  return e instanceof Database.SqliteError;
}

/** SQLite's way of saying the file is damaged; other errors (busy, full disk, ...) pass through. */
export function asCorruptError(file: string, e: unknown): StoreError | null {
  return isSqliteError(e) && (e.code === 'SQLITE_NOTADB' || e.code.startsWith('SQLITE_CORRUPT')) ? corrupt(file, e.message) : null;
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Throws StoreError when the existing file must not be opened for writing. */
function inspectExisting(file: string, known: number): void {
  if (statSync(file).size === 0) return; // SQLite treats an empty file as an empty database
  const header = readHeader(file);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw corrupt(file, 'file is not a database');
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = readUserVersion(db);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
    if (appId !== 0 && appId !== APPLICATION_ID) throw corrupt(file, 'it belongs to another application');
    if (appId === 0 && version === 0 && tables.n > 0) throw corrupt(file, 'it holds tables of another application');
    if (version > known) throw newerSchemaError(file, version, known);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw asCorruptError(file, e) ?? e;
  } finally {
    db?.close();
  }
}

export interface OpenOptions {
  /** Tests pass a different list to exercise migrations; the app never does. */
  migrations?: readonly Migration[];
}

/** Open (creating if needed) the store database in `dir`, migrated to the newest schema. */
export function openDatabase(dir: string, options: OpenOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DATABASE_FILE);
  let exists = true;
  try {
    statSync(file);
  } catch {
    exists = false;
  }
  if (exists) inspectExisting(file, migrations.length);

  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL: readers (the CLI's `list`) never block the app's writer, and a
    // committed transaction survives the process being killed.
    db.pragma('journal_mode = WAL');
    // NORMAL rather than FULL: in WAL mode a commit is in the WAL file (the OS
    // page cache) when it returns, which survives a crash or SIGKILL of the
    // process; only an OS crash or power loss can lose the last commits, and
    // never corrupts the file. FULL would fsync ~10 batches/s per run.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file, migrations);
    return db;
  } catch (e) {
    db.close();
    throw asCorruptError(file, e) ?? e;
  }
}
