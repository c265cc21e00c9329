/** A stored run as the end-of-experiment summary wants it (summary-table.ts takes RunResults). */
import type { RunResult } from '../../core/run/types.js';
import type { RunStore, StoredRun } from '../store/index.js';
import type { RunTheory, SummaryRunInput } from './summary-table.js';

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

/** The `theory` metric's step-0 columns (core/metrics/theory-metric.ts). */
const THEORY_COLUMNS = ['theory_rho', 'theory_hb_lr', 'theory_hb_beta', 'theory_hb_rho'] as const;

/** What the run's `theory` metric recorded at step 0; null when it did not ask for the metric. */
export function storedTheory(store: RunStore, run: StoredRun): RunTheory | null {
  if (!run.spec.metrics.includes('theory')) return null;
  const series = store.getMetrics(run.id, { columns: THEORY_COLUMNS, toStep: 0 });
  const row = Array.from(series.steps).indexOf(0);
  // null where a column was not recorded (a run that failed before step 0, a store from before the hb columns).
  const value = (name: (typeof THEORY_COLUMNS)[number]): number | null => {
    const v = row >= 0 && series.present[name]![row] === 1 ? series.columns[name]![row]! : Number.NaN;
    return Number.isFinite(v) ? v : null;
  };
  const lr = value('theory_hb_lr');
  const beta = value('theory_hb_beta');
  const rho = value('theory_hb_rho');
  return { rho: value('theory_rho'), hbOptimal: lr !== null && beta !== null && rho !== null ? { lr, beta, rho } : null };
}

export function summaryOfStoredRun(store: RunStore, run: StoredRun): SummaryRunInput {
  const wall = run.wallMs ?? (run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : 0);
  return {
    id: run.id,
    label: run.label,
    optimizer: run.optimizer,
    seed: run.seed,
    backend: run.environment?.backend ?? null,
    theory: storedTheory(store, run),
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
