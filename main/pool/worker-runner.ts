/**
 * What a worker process does with its one run: wait for `start`, check the
 * spec, choose the engine, load the data, say `ready`, train, stream metric
 * batches and progress, send `done` (or `error` when setup fails) and exit;
 * with `ntkMatrix`, an `ntk` message (the Gram at theta_0 and theta_T) first.
 * `cancel` aborts the loop, which then ends the run as `cancelled`.
 */
import { hostToWorkerSchema, type WorkerToHost } from '../../core/contract/worker.js';
import { encodeSeries, seriesOfRecords } from '../../core/contract/series-codec.js';
import { formatPath, formatProblems, SpecError, type RunSpec } from '../../core/spec/index.js';
import { initEngine } from '../../core/engine/backend.js';
import { loadDataset, type Dataset } from '../../core/data/index.js';
import { trainRun } from '../../core/run/train.js';
import type { RunEnvironment, RunResult } from '../../core/run/types.js';
import { LAB_VERSION } from '../../core/version.js';
import { ntkMessage, type NtkMessage } from './ntk-message.js';
import { checkRunSpec } from './run-spec-schema.js';
import type { WorkerPort } from './worker-port.js';

/** JSON (and the contract's schemas) have no NaN or Infinity: such a number goes as null. */
function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** The result as the contract carries it; the host restores a non-finite final loss from the last record. */
export function wireResult(result: RunResult): RunResult {
  return {
    ...result,
    finalLoss: finiteOrNull(result.finalLoss),
    rate: {
      kind: result.rate.kind,
      rho: finiteOrNull(result.rate.rho),
      exponent: finiteOrNull(result.rate.exponent),
      r2: finiteOrNull(result.rate.r2),
    },
    wallMs: Number.isFinite(result.wallMs) ? result.wallMs : 0,
  };
}

function errorText(err: unknown): string {
  if (err instanceof SpecError) return formatProblems(err.problems);
  return err instanceof Error ? err.message : String(err);
}

export function runWorker(port: WorkerPort): void {
  const abort = new AbortController();
  let started = false;

  const fail = async (message: string): Promise<void> => {
    await port.send({ type: 'error', message });
    port.exit(1);
  };

  // The host is gone: nobody can use this run's results, so stop burning a core.
  port.onDisconnect(() => {
    abort.abort();
    process.exit(0);
  });

  port.onMessage((raw) => {
    const parsed = hostToWorkerSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      void fail(`the worker received an invalid message: ${formatPath(issue.path)}: ${issue.message}`);
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'cancel') {
      abort.abort();
      return;
    }
    if (started) {
      void fail('the worker received a second start message (one worker runs one run)');
      return;
    }
    started = true;
    const check = checkRunSpec(msg.spec);
    if (!check.ok) {
      void fail(`invalid run spec:\n${formatProblems(check.problems)}`);
      return;
    }
    run(port, check.spec, { baseDir: msg.baseDir, batchMs: msg.batchMs, ntkMatrix: msg.ntkMatrix === true }, abort.signal).then(
      () => port.exit(0),
      (err: unknown) => void fail(errorText(err)),
    );
  });
}

interface RunSettings {
  baseDir: string;
  batchMs: number | undefined;
  /** Send the NTK Gram at theta_0 and theta_T before `done`. */
  ntkMatrix: boolean;
}

async function run(port: WorkerPort, spec: RunSpec, settings: RunSettings, signal: AbortSignal): Promise<void> {
  const { baseDir, batchMs } = settings;
  const engine = await initEngine();
  const dataset: Dataset = loadDataset(spec.data, spec.seed, { baseDir, loss: spec.loss.kind });
  const environment: RunEnvironment = {
    backend: engine.backend,
    tfjs: engine.tfjs,
    simd: engine.simd,
    node: process.version,
    lab: LAB_VERSION,
    dataSha256: dataset.source.kind === 'csv' ? dataset.source.sha256 : null,
  };
  void port.send({ type: 'ready', environment });
  const send = (message: WorkerToHost): void => void port.send(message);
  const ntk: NtkMessage[] = []; // filled by onEnd: at most one
  const result = await trainRun(spec, {
    signal,
    baseDir,
    dataset,
    ...(batchMs !== undefined ? { batchMs } : {}),
    onRecords: (records) => send({ type: 'metrics', series: encodeSeries(seriesOfRecords(records)) }),
    onProgress: (p) => send({ type: 'progress', step: p.step, totalSteps: p.totalSteps, loss: finiteOrNull(p.loss), elapsedMs: p.elapsedMs }),
    ...(settings.ntkMatrix ? { onEnd: (end) => void ntk.push(ntkMessage(end)) } : {}),
  });
  for (const message of ntk) await port.send(message);
  await port.send({ type: 'done', result: wireResult(result) });
}
