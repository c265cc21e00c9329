/**
 * Problems only the data can show (a missing or malformed CSV file, labels
 * that do not suit the loss), found in the host before anything is stored or
 * queued, so they come back as an invalid experiment rather than failed runs.
 * Synthetic data cannot fail past validation, so only CSV files are read.
 */
import { loadDataset } from '../../core/data/index.js';
import { SpecError, type RunSpec, type SpecProblem } from '../../core/spec/index.js';

export function dataProblems(runs: readonly RunSpec[], baseDir: string): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    if (run.data.kind !== 'csv') continue;
    const key = JSON.stringify([run.data, run.loss.kind]);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      loadDataset(run.data, run.seed, { baseDir, loss: run.loss.kind });
    } catch (err) {
      if (err instanceof SpecError) problems.push(...err.problems);
      else problems.push({ path: 'data', message: err instanceof Error ? err.message : String(err) });
    }
  }
  return problems;
}
