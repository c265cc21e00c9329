/**
 * `lab run FILE.json`: validate, store the experiment and train its runs in
 * worker processes (several at once, up to the pool size) through the same
 * lab service as the app, with progress on stderr; then the summary (a table,
 * or `--json` on stdout) and the CSV, both read back from the store; with
 * `--ntk-matrix`, every run's NTK Gram at the start and the end (ntk-matrix.ts).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LabError } from '../../core/contract/errors.js';
import type { EventMessage } from '../../core/contract/events.js';
import { describeEngine } from '../../core/engine/backend.js';
import { FINAL_STATUSES } from '../../core/run/types.js';
import { validateExperiment, expandExperiment, formatProblems, type RunSpec, type SpecProblem } from '../../core/spec/index.js';
import { nodeLauncher, type NtkMatrices, type WorkerLauncher } from '../pool/index.js';
import { createLabService, csvExportParts, type LabService } from '../services/index.js';
import { resolveDataDir } from '../store/index.js';
import { csvTargetProblem } from './csv-target.js';
import { ntkMatrixJson, ntkMatrixProblems, writeNtkMatrixFile } from './ntk-matrix.js';
import { writeCsvFile } from './csv-writer.js';
import { ProgressRenderer } from './progress.js';
import { summaryOfStoredRun } from './stored-summary.js';
import { renderSummaryTable, summaryJson } from './summary-table.js';
import { EXIT_INVALID, EXIT_OK, EXIT_OTHER } from './exit-codes.js';

export { EXIT_INVALID, EXIT_OK, EXIT_OTHER };

export interface RunCommandOptions {
  file: string;
  json: boolean;
  csv: string | null;
  /** `--ntk-matrix OUT.json`: write H_0 and H_T of every run there. */
  ntkMatrix?: string | null;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  signal?: AbortSignal;
  /** `--data-dir`; default LAB_DATA_DIR, else the app's own folder (main/store's resolveDataDir). */
  dataDir?: string | null;
  /** Runs at once; default os.availableParallelism(). */
  workers?: number;
  /** How workers start (tests); default child processes of this Node. */
  launcher?: WorkerLauncher;
}

function printProblems(stderr: NodeJS.WritableStream, where: string, problems: readonly SpecProblem[]): void {
  stderr.write(`${where}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${formatProblems(problems)}\n`);
}

/** Read an experiment file as JSON and validate it; problems are printed one per line. */
export async function readExperimentJson(path: string, stderr: NodeJS.WritableStream): Promise<{ json: unknown; runs: RunSpec[]; name: string } | number> {
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
    printProblems(stderr, path, result.problems);
    return EXIT_INVALID;
  }
  return { json, runs: expandExperiment(result.value), name: result.value.name };
}

/** Read and validate an experiment file (kept for callers that only want its runs). */
export async function readExperimentFile(path: string, stderr: NodeJS.WritableStream): Promise<{ runs: RunSpec[]; name: string } | number> {
  const read = await readExperimentJson(path, stderr);
  return typeof read === 'number' ? read : { runs: read.runs, name: read.name };
}

const FINAL = new Set<string>(FINAL_STATUSES);

export async function runCommand(opts: RunCommandOptions): Promise<number> {
  const file = resolve(opts.file);
  const read = await readExperimentJson(file, opts.stderr);
  if (typeof read === 'number') return read;
  if (opts.ntkMatrix) {
    const problems = ntkMatrixProblems(read.runs);
    if (problems.length > 0) {
      printProblems(opts.stderr, opts.file, problems);
      return EXIT_INVALID;
    }
  }
  for (const [flag, target] of [['--csv', opts.csv], ['--ntk-matrix', opts.ntkMatrix]] as const) {
    if (!target) continue;
    const problem = await csvTargetProblem(resolve(target));
    if (problem !== null) {
      opts.stderr.write(`${flag} ${target}: ${problem}\n`);
      return EXIT_OTHER;
    }
  }

  let service: LabService;
  try {
    service = await createLabService({
      dataDir: resolveDataDir(opts.dataDir),
      launcher: opts.launcher ?? nodeLauncher(),
      host: 'browser',
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.ntkMatrix ? { ntkMatrix: true } : {}),
      onError: (err) => opts.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`),
    });
  } catch (err) {
    opts.stderr.write(`lab: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_OTHER;
  }
  try {
    return await runExperiment(service, read.json, file, opts);
  } finally {
    await service.close();
  }
}

async function runExperiment(service: LabService, spec: unknown, file: string, opts: RunCommandOptions): Promise<number> {
  const { store } = service;
  const progress = new ProgressRenderer({ stream: opts.stderr as NodeJS.WriteStream });
  const ended = new Set<string>();
  const labels = new Map<string, string>();
  let runIds: string[] | null = null;
  let engineShown = false;
  let allEnded: () => void = () => undefined;
  const done = new Promise<void>((r) => (allEnded = r));
  const check = (): void => {
    if (runIds !== null && runIds.every((id) => ended.has(id))) allEnded();
  };

  const onEvent = (m: EventMessage): void => {
    if (m.event === 'run.progress') {
      const p = m.payload;
      progress.update(p.runId, { step: p.step, totalSteps: p.totalSteps, loss: p.loss, elapsedMs: p.elapsedMs, label: labels.get(p.runId) ?? store.getRun(p.runId).label });
      return;
    }
    if (m.event !== 'run.state') return;
    const s = m.payload;
    labels.set(s.id, s.label);
    if (!engineShown && s.environment !== null) {
      engineShown = true;
      progress.log(describeEngine({ ...s.environment, fallbacks: [] }));
    }
    if (!FINAL.has(s.status)) return;
    // The store's own listing: a wire listing has no NaN final loss.
    const run = store.getRun(s.id);
    const summary = summaryOfStoredRun(store, run);
    progress.update(run.id, {
      step: summary.result.steps,
      totalSteps: run.spec.train.steps,
      loss: run.finalLoss,
      elapsedMs: summary.result.wallMs,
      label: run.label,
      status: run.status,
    });
    if (run.reason !== null && run.status !== 'finished') progress.log(`${run.label}: ${run.status}: ${run.reason}`);
    ended.add(run.id);
    check();
  };
  const unsubscribe = service.onEvent(onEvent);
  // A worker sends its matrices just before its run ends, so all are in by the time every run has.
  const matrices = new Map<string, NtkMatrices>();
  const unsubscribeNtk = service.onNtkMatrix(({ runId, ...m }) => matrices.set(runId, m));

  let experimentId: string;
  try {
    const started = await service.handlers['experiments.start']({ spec, sourcePath: file });
    experimentId = started.experimentId;
    runIds = started.runIds;
  } catch (err) {
    unsubscribe();
    unsubscribeNtk();
    if (err instanceof LabError && err.code === 'invalid_experiment' && err.problems) {
      // A data file problem (a bad CSV) is an invalid file too.
      printProblems(opts.stderr, opts.file, err.problems);
      return EXIT_INVALID;
    }
    throw err;
  }

  // Ctrl-C cancels the runs in progress; what ran is still summarised.
  const cancel = (): void => void service.handlers['experiments.cancel']({ experimentId }).catch(() => undefined);
  if (opts.signal?.aborted) cancel();
  else opts.signal?.addEventListener('abort', cancel, { once: true });
  check();
  await done;
  opts.signal?.removeEventListener('abort', cancel);
  unsubscribe();
  unsubscribeNtk();
  progress.flush();

  const runs = runIds.map((id) => store.getRun(id));
  const results = runs.map((run) => summaryOfStoredRun(store, run));
  if (opts.csv) {
    const parts = csvExportParts(store, runIds);
    await writeCsvFile(resolve(opts.csv), parts.runs, parts.columns);
    opts.stderr.write(`wrote ${parts.runs.reduce((s, r) => s + r.records.length, 0)} rows to ${opts.csv}\n`);
  }
  const name = store.getExperiment(experimentId).name;
  if (opts.ntkMatrix) {
    const missing = runs.filter((r) => !matrices.has(r.id));
    for (const r of missing) opts.stderr.write(`--ntk-matrix: no NTK matrices for ${r.label} (it ended before its worker sent them)\n`);
    const json = ntkMatrixJson(
      { id: experimentId, name },
      runs.map((r) => ({ id: r.id, label: r.label, seed: r.seed, matrices: matrices.get(r.id) ?? null })),
    );
    await writeNtkMatrixFile(resolve(opts.ntkMatrix), json);
    opts.stderr.write(`wrote the NTK matrices of ${runs.length - missing.length} run${runs.length - missing.length === 1 ? '' : 's'} to ${opts.ntkMatrix}\n`);
  }

  opts.stderr.write(`stored as experiment ${experimentId} in ${service.dataDir} (see: lab list)\n`);
  const table = renderSummaryTable(results).join('\n') + '\n';
  if (opts.json) {
    opts.stderr.write(table);
    opts.stdout.write(JSON.stringify(summaryJson({ id: experimentId, name }, results), null, 2) + '\n');
  } else {
    opts.stdout.write(table);
  }
  const allOk = results.every((r) => r.result.status === 'finished' || r.result.status === 'diverged');
  return allOk ? EXIT_OK : EXIT_OTHER;
}
