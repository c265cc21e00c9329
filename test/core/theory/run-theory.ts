/**
 * Runs an experiment through the real training loop (validateExperiment,
 * expandExperiment, trainRun) and collects every run's records, for the
 * theory tests.
 */
import { expandExperiment, validateExperiment, formatProblems, type ExperimentInput } from '../../../core/spec/index.js';
import { trainRun } from '../../../core/run/train.js';
import type { MetricRecord, RunResult } from '../../../core/run/types.js';

export interface RunRecords {
  label: string;
  result: RunResult;
  records: MetricRecord[];
}

export async function runExperiment(input: ExperimentInput): Promise<RunRecords[]> {
  const v = validateExperiment(input);
  if (!v.ok) throw new Error(formatProblems(v.problems));
  const out: RunRecords[] = [];
  for (const run of expandExperiment(v.value)) {
    const records: MetricRecord[] = [];
    const result = await trainRun(run, { onRecords: (r) => records.push(...r) });
    out.push({ label: run.label, result, records });
  }
  return out;
}

/** max |theory_loss - loss| / loss over the records whose loss is above `floor`. */
export function maxRelativeGap(records: readonly MetricRecord[], column: string, floor: number): number {
  let gap = 0;
  for (const r of records) {
    const loss = r.loss!;
    if (!(loss > floor)) continue;
    gap = Math.max(gap, Math.abs(r[column]! - loss) / loss);
  }
  return gap;
}
