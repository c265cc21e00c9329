/**
 * CSV of recorded metrics (SPEC.md, `--csv`): one row per recorded step per
 * run, `run,label,optimizer,seed,step,` then `time_ms` and the metric columns.
 *
 * Format choices:
 *  - RFC 4180: CRLF line ends; a field is quoted when it holds a comma, a
 *    quote, CR or LF (quotes doubled). Numbers never need quoting.
 *  - Numbers are written with String(n): the shortest text that parses back to
 *    the same double, '.' decimal, exponent as `1e-12`. -0 is written `-0`.
 *  - Non-finite values: `NaN`, `Inf`, `-Inf` (read as such by R, Python's
 *    float() and pandas). An absent metric is an empty cell.
 */
import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { MetricRecord } from '../../core/run/types.js';

/** The leading columns, one set per run. */
export const RUN_COLUMNS = ['run', 'label', 'optimizer', 'seed', 'step'] as const;

/** Metric columns in SPEC.md order; any other column follows, alphabetically. */
export const METRIC_COLUMN_ORDER: readonly string[] = [
  'time_ms',
  'loss',
  'test_loss',
  'accuracy',
  'grad_norm',
  'dist_init',
  'rel_dist_init',
  'pl_ratio',
  'ntk_lambda_min',
  'ntk_lambda_max',
  'ntk_cond',
  'ntk_drift',
  'act_flip',
  'dir_cos',
];

/** The experiment-file metric `ntk` records four columns; the rest are their own column. */
const METRIC_EXPANSION: Record<string, readonly string[]> = {
  ntk: ['ntk_lambda_min', 'ntk_lambda_max', 'ntk_cond', 'ntk_drift'],
};

export interface CsvRunMeta {
  run: string;
  label: string;
  optimizer: string;
  seed: number;
}

const LINE_END = '\r\n';

function orderColumns(names: Iterable<string>): string[] {
  const set = new Set(names);
  set.delete('step');
  const known = METRIC_COLUMN_ORDER.filter((c) => set.has(c));
  const others = [...set].filter((c) => !METRIC_COLUMN_ORDER.includes(c)).sort();
  return [...known, ...others];
}

/** Metric columns (after `step`) for every key appearing in any record. */
export function columnsOfRecords(records: Iterable<MetricRecord>): string[] {
  const names = new Set<string>(['time_ms']);
  for (const r of records) for (const key of Object.keys(r)) names.add(key);
  return orderColumns(names);
}

/**
 * Metric columns known before any record exists, from the experiment's
 * `metrics` list (so a streaming writer can put the header first).
 */
export function columnsForMetrics(metrics: Iterable<string>): string[] {
  const names = new Set<string>(['time_ms']);
  for (const m of metrics) for (const c of METRIC_EXPANSION[m] ?? [m]) names.add(c);
  return orderColumns(names);
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as a CSV cell that parses back to exactly the same double. */
export function csvNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Inf';
  if (n === -Infinity) return '-Inf';
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** The header line (with its line end) for these metric columns. */
export function csvHeader(columns: readonly string[]): string {
  return [...RUN_COLUMNS, ...columns].map(csvField).join(',') + LINE_END;
}

/** Rows (each ending in CRLF) for a batch of one run's records. */
export function csvRows(meta: CsvRunMeta, records: Iterable<MetricRecord>, columns: readonly string[]): string {
  const prefix = [csvField(meta.run), csvField(meta.label), csvField(meta.optimizer), csvNumber(meta.seed)].join(',');
  let out = '';
  for (const r of records) {
    let line = `${prefix},${csvNumber(r.step)}`;
    for (const c of columns) {
      const v = r[c];
      line += ',' + (v === undefined ? '' : csvNumber(v));
    }
    out += line + LINE_END;
  }
  return out;
}

/** write() may write less than asked; loop until every byte is out. */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await handle.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

/**
 * A CSV file written atomically: everything goes to `PATH.tmp` in the same
 * folder, and only commit() renames it onto PATH, so a crash or an abort never
 * leaves a half-written PATH (and an existing PATH stays until commit).
 */
export class AtomicCsvWriter {
  private closed = false;
  /** Writes are chained so concurrent appends (runs in parallel) never interleave bytes. */
  private queue: Promise<void> = Promise.resolve();
  /** The first failed write: a file missing rows must never be committed. */
  private failure: unknown = null;

  private constructor(
    readonly path: string,
    readonly tmpPath: string,
    readonly columns: readonly string[],
    private readonly handle: FileHandle,
  ) {}

  /** Create PATH.tmp and write the header. */
  static async open(path: string, columns: readonly string[]): Promise<AtomicCsvWriter> {
    const tmpPath = `${path}.tmp`;
    const handle = await open(tmpPath, 'w');
    const writer = new AtomicCsvWriter(path, tmpPath, columns, handle);
    try {
      await writeAll(handle, csvHeader(columns));
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return writer;
  }

  /** Append one batch of one run's records. */
  async append(meta: CsvRunMeta, records: Iterable<MetricRecord>): Promise<void> {
    if (this.closed) throw new Error(`CSV ${this.path} is already closed`);
    const text = csvRows(meta, records, this.columns);
    if (text === '') return;
    const done = this.queue.then(() => writeAll(this.handle, text));
    this.queue = done.catch((err: unknown) => {
      this.failure ??= err;
    });
    await done;
  }

  /** Flush to disk and move PATH.tmp onto PATH. */
  async commit(): Promise<void> {
    if (this.closed) throw new Error(`CSV ${this.path} is already closed`);
    this.closed = true;
    try {
      await this.queue;
      if (this.failure !== null) throw this.failure;
      await this.handle.sync();
      await this.handle.close();
      await rename(this.tmpPath, this.path);
    } catch (err) {
      await this.handle.close().catch(() => undefined);
      await unlink(this.tmpPath).catch(() => undefined);
      throw err;
    }
  }

  /** Drop PATH.tmp; PATH is left as it was. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.handle.close().catch(() => undefined);
    await unlink(this.tmpPath).catch(() => undefined);
  }
}

export interface CsvRun {
  meta: CsvRunMeta;
  records: readonly MetricRecord[];
}

/** Write whole runs at once, atomically; columns default to every key in any record. */
export async function writeCsvFile(path: string, runs: readonly CsvRun[], columns?: readonly string[]): Promise<void> {
  const cols = columns ?? columnsOfRecords(runs.flatMap((r) => r.records));
  const writer = await AtomicCsvWriter.open(path, cols);
  try {
    for (const run of runs) await writer.append(run.meta, run.records);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.commit();
}
