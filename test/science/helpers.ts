/**
 * Shared helpers for the paper-claim tests in test/science: run an experiment
 * through the real pipeline (validateExperiment -> expandExperiment ->
 * trainRun, exactly what `npm run lab -- run FILE.json` does) and read columns
 * out of the recorded metrics.
 */
import { expandExperiment, formatProblems, validateExperiment, type ExperimentInput, type RunSpec } from '../../core/spec/index.js';
import { trainRun } from '../../core/run/train.js';
import type { MetricRecord, RunResult } from '../../core/run/types.js';

export interface ScienceRun {
  label: string;
  spec: RunSpec;
  result: RunResult;
  records: MetricRecord[];
}

/** Every run of the experiment, in expansion order, with all its records. */
export async function runExperiment(input: ExperimentInput): Promise<ScienceRun[]> {
  const v = validateExperiment(input);
  if (!v.ok) throw new Error(`bad test experiment:\n${formatProblems(v.problems)}`);
  const out: ScienceRun[] = [];
  for (const spec of expandExperiment(v.value)) {
    const records: MetricRecord[] = [];
    const result = await trainRun(spec, { onRecords: (r) => records.push(...r) });
    out.push({ label: spec.label, spec, result, records });
  }
  return out;
}

export function byLabel(runs: readonly ScienceRun[], label: string): ScienceRun {
  const r = runs.find((x) => x.label === label);
  if (!r) throw new Error(`no run labelled ${label} (have ${runs.map((x) => x.label).join(', ')})`);
  return r;
}

/** The values of one column at the records that have it, with their steps. */
export function column(records: readonly MetricRecord[], name: string): { steps: number[]; values: number[] } {
  const steps: number[] = [];
  const values: number[] = [];
  for (const r of records) {
    const v = r[name];
    if (v === undefined) continue;
    steps.push(r.step);
    values.push(v);
  }
  return { steps, values };
}

/** Every step from 0 to the last record is recorded (the rate fits below need every step). */
export function recordsEveryStep(records: readonly MetricRecord[]): boolean {
  return records.every((r, i) => r.step === i);
}

/**
 * Least squares for log L_t = a + t log(rho) - p log(t) over the points with
 * t >= 1 and L_t > 0: a geometric factor rho^t times a power t^-p, fitted
 * jointly. Gradient descent and heavy ball give p ~ 0; Nesterov's
 * (k-1)/(k+2) schedule gives p ~ 3 at every step size (the product of its
 * momenta is ~ 6 / t^3), with rho ~ 1 - s lambda_min once s lambda_min is not
 * negligible (docs/science.md, "What we found").
 */
export function fitGeometricTimesPower(steps: readonly number[], losses: readonly number[]): { rho: number; p: number; logC: number } {
  // Normal equations for the regressors (1, t, log t).
  const A = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const b = [0, 0, 0];
  for (let i = 0; i < steps.length; i++) {
    const t = steps[i]!;
    const l = losses[i]!;
    if (!(t >= 1) || !(l > 0) || !Number.isFinite(l)) continue;
    const row = [1, t, Math.log(t)];
    const y = Math.log(l);
    for (let r = 0; r < 3; r++) {
      b[r]! += row[r]! * y;
      for (let c = 0; c < 3; c++) A[r]![c]! += row[r]! * row[c]!;
    }
  }
  const [c0, c1, c2] = solve3(A, b);
  return { logC: c0, rho: Math.exp(c1), p: -c2 };
}

/** Gaussian elimination with partial pivoting for a 3 x 3 system. */
function solve3(A: number[][], b: number[]): [number, number, number] {
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return [m[0]![3]! / m[0]![0]!, m[1]![3]! / m[1]![1]!, m[2]![3]! / m[2]![2]!];
}
