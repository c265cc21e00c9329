/**
 * `lab run FILE.json --ntk-matrix OUT.json`: every run's empirical NTK Gram
 * on the training inputs over the trainable parameters (core/ntk/gram.ts) at
 * initialization (H0) and at the end of training (HT), with their spectra:
 *
 *   { "experiment": { "id", "name" },
 *     "runs": [ { "id", "label", "seed", "n", "steps": [0, T],
 *                 "H0": [[...], ...], "HT": [[...], ...],
 *                 "lambda": { "H0": [ascending], "HT": [ascending] } } ] }
 *
 * T is the step the run ended at (its steps taken). JSON has no NaN: a
 * non-finite entry (a diverged run's HT) is null, and so is the spectrum of a
 * matrix that has one. A run that ended before its worker sent the matrices
 * (bad data, a crash) has n, steps, H0, HT and both spectra null.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { symmetricEigenvalues } from '../../core/ntk/spectrum.js';
import type { RunSpec, SpecProblem } from '../../core/spec/index.js';
import type { NtkMatrices } from '../pool/index.js';

export interface NtkMatrixRunJson {
  id: string;
  label: string;
  seed: number;
  n: number | null;
  steps: [0, number] | null;
  H0: (number | null)[][] | null;
  HT: (number | null)[][] | null;
  lambda: { H0: number[] | null; HT: number[] | null };
}

export interface NtkMatrixJson {
  experiment: { id: string; name: string };
  runs: NtkMatrixRunJson[];
}

/** A run as the file names it. */
export interface NtkMatrixRun {
  id: string;
  label: string;
  seed: number;
  /** null when the run's worker never sent them. */
  matrices: NtkMatrices | null;
}

/**
 * Why the experiment's runs have no NTK Gram to write: a multi-output model
 * (cross-entropy) has no scalar NTK. One problem, at path `--ntk-matrix`.
 */
export function ntkMatrixProblems(runs: readonly RunSpec[]): SpecProblem[] {
  const multi = runs.filter((r) => r.loss.kind === 'cross-entropy');
  if (multi.length === 0) return [];
  const labels = [...new Set(multi.map((r) => JSON.stringify(r.label)))].join(', ');
  return [
    {
      path: '--ntk-matrix',
      message: `the NTK Gram is defined here for scalar-output models; loss.kind "cross-entropy" makes the model multi-output (runs ${labels}): drop --ntk-matrix or use a scalar loss`,
    },
  ];
}

function rowsOf(h: Float64Array, n: number): (number | null)[][] {
  return Array.from({ length: n }, (_, i) => Array.from(h.subarray(i * n, (i + 1) * n), (v) => (Number.isFinite(v) ? v : null)));
}

/** Ascending eigenvalues (core/ntk/spectrum.ts), or null when H has a non-finite entry. */
function eigenvaluesOf(h: Float64Array, n: number): number[] | null {
  if (!h.every(Number.isFinite)) return null;
  return Array.from(symmetricEigenvalues(h, n));
}

export function ntkMatrixJson(experiment: { id: string; name: string }, runs: readonly NtkMatrixRun[]): NtkMatrixJson {
  return {
    experiment: { id: experiment.id, name: experiment.name },
    runs: runs.map(({ id, label, seed, matrices: m }) =>
      m === null
        ? { id, label, seed, n: null, steps: null, H0: null, HT: null, lambda: { H0: null, HT: null } }
        : {
            id,
            label,
            seed,
            n: m.n,
            steps: [0, m.step],
            H0: rowsOf(m.h0, m.n),
            HT: rowsOf(m.hT, m.n),
            lambda: { H0: eigenvaluesOf(m.h0, m.n), HT: eigenvaluesOf(m.hT, m.n) },
          },
    ),
  };
}

/** Write atomically: PATH.tmp in the same folder, then a rename onto PATH. */
export async function writeNtkMatrixFile(path: string, json: NtkMatrixJson): Promise<void> {
  const tmp = `${path}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(json) + '\n', { flush: true });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
