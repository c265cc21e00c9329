/**
 * CSV of stored runs (SPEC.md): the app's export.csv and the CLI's `--csv` and
 * `export` all go through here, so the files are byte for byte the same.
 */
import { columnsOfRecords, csvHeader, csvRows, type CsvRun } from '../cli/csv-writer.js';
import type { MetricRecord } from '../../core/run/types.js';
import { recordsOf, type RunStore, type RunListing } from '../store/index.js';

export interface CsvExportParts {
  columns: string[];
  runs: CsvRun[];
}

/** The runs (in the order given, each once) with their records, and the columns every row gets. */
export function csvExportParts(store: RunStore, runIds: readonly string[]): CsvExportParts {
  const runs: CsvRun[] = [...new Set(runIds)].map((id) => {
    const run = store.getRun(id);
    return {
      meta: { run: run.id, label: run.label, optimizer: run.optimizer, seed: run.seed },
      records: recordsOf(store.getMetrics(run.id)),
    };
  });
  function* all(): Iterable<MetricRecord> {
    for (const r of runs) yield* r.records;
  }
  return { columns: columnsOfRecords(all()), runs };
}

export function csvText(parts: CsvExportParts): string {
  let out = csvHeader(parts.columns);
  for (const run of parts.runs) out += csvRows(run.meta, run.records, parts.columns);
  return out;
}

function slug(text: string): string {
  const s = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return s.length > 0 ? s.slice(0, 80) : 'runs';
}

/** `HB-1a2b3c4d.csv` for one run, the experiment's name for runs of one experiment, else `runs-N.csv`. */
export function csvFilename(runs: readonly Pick<RunListing, 'id' | 'label' | 'name' | 'experimentId' | 'experimentName'>[]): string {
  if (runs.length === 1) return `${slug(runs[0]!.name ?? runs[0]!.label)}-${runs[0]!.id.slice(0, 8)}.csv`;
  const experiments = new Set(runs.map((r) => r.experimentId));
  if (experiments.size === 1) return `${slug(runs[0]!.experimentName)}.csv`;
  return `runs-${runs.length}.csv`;
}
