/**
 * The train/test split: a seeded shuffle (stream 'split') picks the held-out
 * points; both parts keep the original row order (so CSV rows stay in file
 * order) and are converted to float32 here, once.
 */
import { streamRng } from '../random/rng.js';
import { SpecError } from '../spec/problems.js';
import { testCount } from '../spec/rules.js';
import type { DataSplit } from './dataset.js';
import type { LabeledPoints } from './points.js';

export interface Split {
  train: DataSplit;
  test: DataSplit;
  /** Original row indices of the training and test points, ascending. */
  trainRows: Int32Array;
  testRows: Int32Array;
}

export function splitData(data: LabeledPoints, test: number, seed: number): Split {
  const { n } = data;
  if (test >= 1 && !Number.isInteger(test)) {
    throw new SpecError([{ path: 'data.test', message: `a count of test points must be a whole number (got ${test}); give a fraction below 1 or a count` }]);
  }
  const nTest = testCount(n, test);
  if (nTest >= n) {
    throw new SpecError([{ path: 'data.test', message: `leaves no training points (n = ${n}, test = ${nTest})` }]);
  }
  const perm = streamRng(seed, 'split').permutation(n);
  const testRows = perm.slice(0, nTest).sort();
  const trainRows = perm.slice(nTest).sort();
  return { train: gather(data, trainRows), test: gather(data, testRows), trainRows, testRows };
}

/** The given rows as float32. */
function gather(data: LabeledPoints, rows: Int32Array): DataSplit {
  const { d } = data;
  const x = new Float32Array(rows.length * d);
  const y = new Float32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    x.set(data.x.subarray(i * d, (i + 1) * d), k * d);
    y[k] = data.y[i]!;
  }
  return { x, y, n: rows.length };
}
