/**
 * `lab run FILE.json`: validate, expand, train every run with progress on
 * stderr, then the summary (a table, or `--json` on stdout) and the CSV.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { validateExperiment, expandExperiment, formatProblems, SpecError, type RunSpec } from '../../core/spec/index.js';
import { loadDataset, type Dataset } from '../../core/data/index.js';
import { initEngine, describeEngine } from '../../core/engine/backend.js';
import { trainRun } from '../../core/run/train.js';
import type { MetricRecord } from '../../core/run/types.js';
import { ProgressRenderer } from './progress.js';
import { renderSummaryTable, summaryJson, type SummaryRunInput } from './summary-table.js';
import { writeCsvFile } from './csv-writer.js';

/** Exit codes of SPEC.md. */
export const EXIT_OK = 0;
export const EXIT_OTHER = 1;
export const EXIT_INVALID = 2;

export interface RunCommandOptions {
  file: string;
  json: boolean;
  csv: string | null;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** Read and validate an experiment file; problems are printed one per line. */
export async function readExperimentFile(path: string, stderr: NodeJS.WritableStream): Promise<{ runs: RunSpec[]; name: string } | number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    stderr.write(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})\n`);
    return EXIT_OTHER;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    stderr.write(`${path}: not valid JSON: ${(err as Error).message}\n`);
    return EXIT_INVALID;
  }
  const result = validateExperiment(json);
  if (!result.ok) {
    stderr.write(`${path}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n${formatProblems(result.problems)}\n`);
    return EXIT_INVALID;
  }
  return { runs: expandExperiment(result.value), name: result.value.name };
}

/** Datasets of every run, loaded before any training so a bad CSV stops everything up front. */
function loadAll(runs: readonly RunSpec[], baseDir: string): Map<RunSpec, Dataset> {
  const cache = new Map<string, Dataset>();
  const out = new Map<RunSpec, Dataset>();
  for (const run of runs) {
    const key = JSON.stringify([run.data, run.seed, run.loss.kind]);
    let data = cache.get(key);
    if (!data) {
      data = loadDataset(run.data, run.seed, { baseDir, loss: run.loss.kind });
      cache.set(key, data);
    }
    out.set(run, data);
  }
  return out;
}

export async function runCommand(opts: RunCommandOptions): Promise<number> {
  const file = resolve(opts.file);
  const read = await readExperimentFile(file, opts.stderr);
  if (typeof read === 'number') return read;
  const { runs, name } = read;

  let datasets: Map<RunSpec, Dataset>;
  try {
    datasets = loadAll(runs, dirname(file));
  } catch (err) {
    if (err instanceof SpecError) {
      opts.stderr.write(`${opts.file}: ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}\n${formatProblems(err.problems)}\n`);
      return EXIT_INVALID;
    }
    throw err;
  }

  const engine = await initEngine();
  opts.stderr.write(`${describeEngine(engine)}\n`);
  const progress = new ProgressRenderer({ stream: opts.stderr as NodeJS.WriteStream });
  const experiment = { id: randomUUID(), name };
  const results: SummaryRunInput[] = [];
  const records = new Map<string, MetricRecord[]>();

  for (const run of runs) {
    const id = randomUUID();
    const kept: MetricRecord[] = [];
    records.set(id, kept);
    const result = await trainRun(run, {
      dataset: datasets.get(run)!,
      baseDir: dirname(file),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onRecords: (batch) => {
        for (const r of batch) kept.push(r);
      },
      onProgress: (p) => progress.update(id, { ...p, label: run.label }),
    });
    progress.update(id, {
      step: result.steps,
      totalSteps: run.train.steps,
      loss: result.finalLoss,
      elapsedMs: result.wallMs,
      label: run.label,
      status: result.status,
    });
    if (result.reason && result.status !== 'finished') progress.log(`${run.label}: ${result.status}: ${result.reason}`);
    results.push({ id, label: run.label, optimizer: run.optimizer.kind, seed: run.seed, result });
  }
  progress.flush();

  if (opts.csv) {
    const csvRuns = results.map((r) => ({
      meta: { run: r.id, label: r.label, optimizer: r.optimizer, seed: r.seed },
      records: records.get(r.id)!,
    }));
    await writeCsvFile(resolve(opts.csv), csvRuns);
    opts.stderr.write(`wrote ${csvRuns.reduce((s, r) => s + r.records.length, 0)} rows to ${opts.csv}\n`);
  }

  const table = renderSummaryTable(results).join('\n') + '\n';
  if (opts.json) {
    opts.stderr.write(table);
    opts.stdout.write(JSON.stringify(summaryJson(experiment, results), null, 2) + '\n');
  } else {
    opts.stdout.write(table);
  }
  const ended = results.every((r) => r.result.status === 'finished' || r.result.status === 'diverged');
  return ended ? EXIT_OK : EXIT_OTHER;
}
