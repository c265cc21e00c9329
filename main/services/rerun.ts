/**
 * runs.rerun: the same RunSpec (seed included) again, as a new experiment
 * with that one run. A CSV file that changed since the original run is said
 * so in the new run's note (SPEC.md: "a re-run whose file has changed says so").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { experimentSchema, type Experiment, type RunSpec } from '../../core/spec/index.js';
import type { StoredRun } from '../store/index.js';

/** The one-run experiment a re-run is stored under. */
export function rerunExperiment(run: StoredRun): Experiment {
  const spec = run.spec;
  return experimentSchema.parse({
    version: 1,
    name: `${run.experimentName} (re-run)`,
    seed: spec.seed,
    data: spec.data,
    model: spec.model,
    loss: spec.loss,
    train: spec.train,
    optimizers: [{ ...spec.optimizer, label: spec.label }],
    seeds: 1,
    metrics: spec.metrics,
  });
}

function fileSha256(path: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return null;
  }
}

/** The new run's note: where it came from, and whether its data file changed since. */
export function rerunNote(run: StoredRun, spec: RunSpec, baseDir: string): string {
  const lines = [`Re-run of run ${run.id} (${run.experimentName}, ${run.label}).`];
  const before = run.environment?.dataSha256 ?? null;
  if (spec.data.kind === 'csv' && before !== null) {
    const file = isAbsolute(spec.data.path) ? spec.data.path : resolve(baseDir, spec.data.path);
    const now = fileSha256(file);
    if (now !== null && now !== before) {
      lines.push(`The data file ${file} has changed since that run (SHA-256 ${before.slice(0, 12)}... then, ${now.slice(0, 12)}... now).`);
    }
  }
  return lines.join(' ');
}
