/**
 * The end-of-experiment summary: a text table for people and the `--json`
 * object of SPEC.md for programs (its field names are a public interface).
 * Runs that recorded the `theory` metric also show its step-0 predictions
 * (docs/science.md "Rate bounds") beside the fitted rate, and add a `theory`
 * object to their JSON entry.
 */
import type { RateFit, RunResult } from '../../core/run/types.js';
import type { BackendName } from '../../core/engine/backend.js';

/** One run as the summary needs it: who it was, and what it produced. */
export interface SummaryRunInput {
  id: string;
  label: string;
  /** The optimizer kind (`heavy-ball`, ...). */
  optimizer: string;
  seed: number;
  result: RunResult;
  /** Overrides result.environment.backend; null when the run ended before its worker reported one. */
  backend?: BackendName | null;
  /** What the `theory` metric predicted; absent (or null) when the run did not record it. */
  theory?: RunTheory | null;
}

/** The `theory` metric's step-0 predictions from H_0's spectrum (null where not finite or not recorded). */
export interface RunTheory {
  /** theory_rho: the linearized loss factor under the run's own (lr, momentum). */
  rho: number | null;
  /** Polyak's optimal heavy ball (theory_hb_*): null when lambda_min <= 0. */
  hbOptimal: { lr: number; beta: number; rho: number } | null;
}

export interface SummaryRunJson {
  id: string;
  label: string;
  optimizer: string;
  seed: number;
  status: RunResult['status'];
  steps: number;
  finalLoss: number | null;
  stepsToTarget: number | null;
  rate: { kind: RateFit['kind']; rho: number | null; exponent: number | null; r2: number | null };
  backend: BackendName | null;
  wallMs: number;
  /** Beyond SPEC.md, only for runs that recorded the `theory` metric. */
  theory?: RunTheory;
}

export interface SummaryJson {
  experiment: { id: string; name: string };
  runs: SummaryRunJson[];
}

/** JSON has no NaN or Infinity; say null rather than let stringify do it silently. */
function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** The `--json` summary, with exactly SPEC.md's fields in its order (then `theory` where recorded). */
export function summaryJson(experiment: { id: string; name: string }, runs: readonly SummaryRunInput[]): SummaryJson {
  return {
    experiment: { id: experiment.id, name: experiment.name },
    runs: runs.map((r): SummaryRunJson => ({
      id: r.id,
      label: r.label,
      optimizer: r.optimizer,
      seed: r.seed,
      status: r.result.status,
      steps: r.result.steps,
      finalLoss: finiteOrNull(r.result.finalLoss),
      stepsToTarget: r.result.stepsToTarget,
      rate: {
        kind: r.result.rate.kind,
        rho: finiteOrNull(r.result.rate.rho),
        exponent: finiteOrNull(r.result.rate.exponent),
        r2: finiteOrNull(r.result.rate.r2),
      },
      backend: r.backend !== undefined ? r.backend : r.result.environment.backend,
      wallMs: r.result.wallMs,
      ...(r.theory ? { theory: { rho: finiteOrNull(r.theory.rho), hbOptimal: finiteOptimum(r.theory.hbOptimal) } } : {}),
    })),
  };
}

function finiteOptimum(o: RunTheory['hbOptimal']): RunTheory['hbOptimal'] {
  return o !== null && [o.lr, o.beta, o.rho].every(Number.isFinite) ? { lr: o.lr, beta: o.beta, rho: o.rho } : null;
}

/** A number in 3 significant digits: plain for 1e-3 <= |x| < 1e4, else scientific. */
export function formatCompact(x: number | null): string {
  if (x === null) return '-';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e4) return String(Number(x.toPrecision(3)));
  return x.toExponential(2);
}

/**
 * rho with enough digits that 1 - rho shows two significant ones (at least 4
 * decimals): 0.99997 must not print as 1.0000.
 */
export function formatRho(rho: number): string {
  const gap = Math.abs(1 - rho);
  const decimals = gap > 0 ? Math.max(4, Math.min(12, Math.ceil(-Math.log10(gap)) + 1)) : 4;
  return rho.toFixed(decimals);
}

function formatR2(r2: number | null): string {
  return r2 === null ? '-' : r2.toFixed(3);
}

/** "linear rho=0.9812 (R2 0.999)", "sublinear p=1.02 (R2 0.990)", "undetermined". */
export function formatRate(rate: RateFit): string {
  if (rate.kind === 'linear' && rate.rho !== null) return `linear rho=${formatRho(rate.rho)} (R2 ${formatR2(rate.r2)})`;
  if (rate.kind === 'sublinear' && rate.exponent !== null) {
    return `sublinear p=${rate.exponent.toPrecision(3)} (R2 ${formatR2(rate.r2)})`;
  }
  return 'undetermined';
}

/** Wall time: 850ms, 5.3s, 2m05s, 1h02m. */
export function formatWall(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

interface Column {
  title: string;
  align: 'left' | 'right';
  cell: (r: SummaryRunInput) => string;
}

/** Up to the fitted rate. */
const LEADING_COLUMNS: Column[] = [
  { title: 'label', align: 'left', cell: (r) => r.label },
  { title: 'optimizer', align: 'left', cell: (r) => r.optimizer },
  { title: 'status', align: 'left', cell: (r) => r.result.status },
  { title: 'steps', align: 'right', cell: (r) => String(r.result.steps) },
  { title: 'final loss', align: 'right', cell: (r) => formatCompact(r.result.finalLoss) },
  { title: 'to target', align: 'right', cell: (r) => (r.result.stepsToTarget === null ? '-' : String(r.result.stepsToTarget)) },
  { title: 'rate', align: 'left', cell: (r) => formatRate(r.result.rate) },
];

/** Beside the fitted rate, when some run recorded the `theory` metric. */
const THEORY_COLUMN: Column = {
  title: 'theory rho',
  align: 'right',
  cell: (r) => (r.theory && r.theory.rho !== null && Number.isFinite(r.theory.rho) ? formatRho(r.theory.rho) : '-'),
};

const WALL_COLUMN: Column = { title: 'wall', align: 'right', cell: (r) => formatWall(r.result.wallMs) };

/** "lr*=0.0331 beta*=0.669 rho*=0.6694": Polyak's optimal heavy ball, for a note line. */
export function formatHeavyBallOptimum(o: NonNullable<RunTheory['hbOptimal']>): string {
  return `lr*=${formatCompact(o.lr)} beta*=${formatRho(o.beta)} rho*=${formatRho(o.rho)}`;
}

/** Note lines: Polyak's optimum next to each heavy-ball run's own (lr, beta), where theory gives it. */
function theoryNotes(runs: readonly SummaryRunInput[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const best = r.theory ? finiteOptimum(r.theory.hbOptimal) : null;
    if (r.optimizer !== 'heavy-ball' || best === null) continue;
    out.push(`${r.label}: heavy-ball optimum on H_0 (Polyak): ${formatHeavyBallOptimum(best)}`);
  }
  return out;
}

/**
 * The table as lines: header, a rule, one row per run, then, after a blank line,
 * a note per heavy-ball run with Polyak's optimum (when it recorded `theory`)
 * and one line per run that has a reason (why it diverged or failed). Columns
 * are separated by two spaces; text is left-aligned, numbers right-aligned;
 * no trailing spaces. The `theory rho` column follows `rate` when some run recorded `theory`.
 */
export function renderSummaryTable(runs: readonly SummaryRunInput[]): string[] {
  // A label may hold anything; keep each row on one line.
  const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ');
  const withTheory = runs.some((r) => Boolean(r.theory));
  const columns = [...LEADING_COLUMNS, ...(withTheory ? [THEORY_COLUMN] : []), WALL_COLUMN];
  const cells = runs.map((r) => columns.map((c) => oneLine(c.cell(r))));
  const widths = columns.map((c, j) => Math.max(c.title.length, ...cells.map((row) => row[j]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((text, j) => (columns[j]!.align === 'left' ? text.padEnd(widths[j]!) : text.padStart(widths[j]!)))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) out.push(line(row));
  const notes = theoryNotes(runs).map(oneLine);
  const reasons = runs.filter((r) => r.result.reason !== null);
  if (notes.length + reasons.length > 0) out.push('');
  out.push(...notes);
  for (const r of reasons) out.push(`${oneLine(r.label)}: ${r.result.status}: ${oneLine(r.result.reason ?? '')}`);
  return out;
}
