/**
 * The CLI's store commands (SPEC.md): `list`, `show RUN`, `export RUN --csv
 * OUT`. They read the same data folder as the app and `lab run`; a RUN is a
 * full id or an unambiguous prefix of one (as `list` prints).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, RunStore, StoreError, resolveDataDir } from '../store/index.js';
import { csvExportParts } from '../services/index.js';
import { writeCsvFile } from './csv-writer.js';
import { renderRunDetails } from './run-details.js';
import { renderRunList } from './run-list-table.js';
import { EXIT_OK, EXIT_OTHER } from './exit-codes.js';

export interface StoreCommandOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** `--data-dir`; default LAB_DATA_DIR, else the app's own folder. */
  dataDir?: string | null;
}

/** Open the store when it exists (reading never creates one); print why not otherwise. */
async function withStore(opts: StoreCommandOptions, use: (store: RunStore, dir: string) => Promise<number> | number, ifMissing: (dir: string) => number): Promise<number> {
  const dir = resolveDataDir(opts.dataDir);
  if (!existsSync(join(dir, DATABASE_FILE))) return ifMissing(dir);
  let store: RunStore;
  try {
    store = RunStore.open(dir);
  } catch (err) {
    opts.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_OTHER;
  }
  try {
    return await use(store, dir);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    opts.stderr.write(`lab: ${err.message}\n`);
    return EXIT_OTHER;
  } finally {
    store.close();
  }
}

function noStore(opts: StoreCommandOptions): (dir: string) => number {
  return (dir) => {
    opts.stderr.write(`lab: no runs stored in ${dir} yet (run an experiment first, or give --data-dir)\n`);
    return EXIT_OTHER;
  };
}

export function listCommand(opts: StoreCommandOptions): Promise<number> {
  return withStore(
    opts,
    (store, dir) => {
      const runs = store.listRuns();
      opts.stdout.write(`data dir: ${dir} (${runs.length} run${runs.length === 1 ? '' : 's'})\n`);
      if (runs.length > 0) opts.stdout.write(renderRunList(runs).join('\n') + '\n');
      return EXIT_OK;
    },
    (dir) => {
      opts.stdout.write(`data dir: ${dir} (no runs yet)\n`);
      return EXIT_OK;
    },
  );
}

export function showCommand(opts: StoreCommandOptions & { run: string }): Promise<number> {
  return withStore(
    opts,
    (store) => {
      const run = store.getRun(store.resolveRunId(opts.run));
      opts.stdout.write(renderRunDetails(store, run, store.getExperiment(run.experimentId)).join('\n') + '\n');
      return EXIT_OK;
    },
    noStore(opts),
  );
}

export function exportCommand(opts: StoreCommandOptions & { run: string; csv: string }): Promise<number> {
  return withStore(
    opts,
    async (store) => {
      const id = store.resolveRunId(opts.run);
      const parts = csvExportParts(store, [id]);
      await writeCsvFile(resolve(opts.csv), parts.runs, parts.columns);
      opts.stderr.write(`wrote ${parts.runs[0]!.records.length} rows of run ${id} to ${opts.csv}\n`);
      return EXIT_OK;
    },
    noStore(opts),
  );
}
