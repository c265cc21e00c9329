/** A stored run as the end-of-experiment summary wants it (summary-table.ts takes RunResults). */
import type { RunResult } from '../../core/run/types.js';
import type { RunStore, StoredRun } from '../store/index.js';
import type { SummaryRunInput } from './summary-table.js';

/** Stand-in for a run that ended before its worker reported an engine; never printed (`backend` says null). */
const NO_ENVIRONMENT: RunResult['environment'] = { backend: 'cpu', tfjs: '', simd: null, node: '', lab: '', dataSha256: null };

function resultStatus(status: StoredRun['status']): RunResult['status'] {
  // A summary is printed once every run has ended; anything not ended by a result reads as cancelled.
  return status === 'queued' || status === 'running' || status === 'interrupted' ? 'cancelled' : status;
}

/** The last step the store has for a run (a crashed run has no `steps` of its own). */
function lastStoredStep(store: RunStore, runId: string): number {
  const steps = store.getMetrics(runId, { columns: [] }).steps;
  return steps.length > 0 ? steps[steps.length - 1]! : 0;
}

export function summaryOfStoredRun(store: RunStore, run: StoredRun): SummaryRunInput {
  const wall = run.wallMs ?? (run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : 0);
  return {
    id: run.id,
    label: run.label,
    optimizer: run.optimizer,
    seed: run.seed,
    backend: run.environment?.backend ?? null,
    result: {
      status: resultStatus(run.status),
      steps: run.steps ?? lastStoredStep(store, run.id),
      finalLoss: run.finalLoss,
      stepsToTarget: run.stepsToTarget,
      rate: run.rate ?? { kind: 'undetermined', rho: null, exponent: null, r2: null },
      wallMs: wall,
      reason: run.reason,
      environment: run.environment ?? NO_ENVIRONMENT,
    },
  };
}
