/**
 * The one entry point from a validated data spec to a Dataset. Steps:
 *  1. generate (stream 'data') or read the raw points, in float64;
 *  2. for toys and CSV files, take their labels;
 *  3. normalize (`sphere`: every row to norm 1);
 *  4. for synthetic inputs, make the targets from the normalized points, so
 *     that y = w*.x holds for the very inputs the model trains on;
 *  5. check the labels suit the loss, split off the test set (stream 'split')
 *     and convert to float32.
 */
import { streamRng } from '../random/rng.js';
import type { DataSpec, LossSpec } from '../spec/schema.js';
import { readCsvFile } from './csv-file.js';
import type { Dataset, DataSource } from './dataset.js';
import { gaussianPoints } from './gaussian.js';
import { checkLabelsForLoss, inferLabels, type LabelInfo } from './labels.js';
import { normalizeRows } from './normalize.js';
import { orthonormalPoints } from './orthonormal.js';
import type { LabeledPoints, Points } from './points.js';
import { spherePoints } from './sphere.js';
import { splitData } from './split.js';
import { makeTargets } from './targets.js';
import { toyPoints } from './toys.js';

export interface LoadOptions {
  /** Folder a relative CSV path is resolved against (the experiment file's folder). */
  baseDir: string;
  /** The loss decides whether integer CSV labels are classes, and which labels are acceptable. */
  loss: LossSpec['kind'];
}

export function loadDataset(spec: DataSpec, seed: number, opts: LoadOptions): Dataset {
  let data: LabeledPoints;
  let info: LabelInfo;
  let teacher: Float64Array | null = null;
  let source: DataSource;
  let what: string;

  switch (spec.kind) {
    case 'csv': {
      const file = readCsvFile(spec.path, opts.baseDir, spec.target);
      data = { x: file.x, y: file.y, n: file.rows, d: file.d };
      if (spec.normalize === 'sphere') normalizeRows(data);
      info = inferLabels(data.y, opts.loss);
      source = { kind: 'csv', path: file.path, sha256: file.sha256, rows: file.rows, targetColumn: file.targetColumn };
      what = `the values of column "${file.targetColumn}" in ${spec.path}`;
      break;
    }
    case 'moons':
    case 'circles':
    case 'xor':
    case 'spiral': {
      data = toyPoints(spec.kind, spec.n, spec.noise, streamRng(seed, 'data'));
      if (spec.normalize === 'sphere') normalizeRows(data);
      info = { labels: 'pm1', classes: 2 };
      source = { kind: 'synthetic', generator: spec.kind };
      what = `the ${spec.kind} labels`;
      break;
    }
    case 'gaussian':
    case 'sphere':
    case 'orthonormal': {
      const points = syntheticPoints(spec.kind, spec.n, spec.d, seed);
      if (spec.normalize === 'sphere') normalizeRows(points);
      const targets = makeTargets(points, spec.target, seed);
      data = { ...points, y: targets.y };
      teacher = targets.teacher;
      info = targets.labels === 'pm1' ? { labels: 'pm1', classes: 2 } : { labels: 'real', classes: 0 };
      source = { kind: 'synthetic', generator: spec.kind };
      what = `the labels of a "${spec.target.kind}" target`;
      break;
    }
  }

  checkLabelsForLoss(info, opts.loss, what);
  const { train, test } = splitData(data, spec.test, seed);
  return { d: data.d, train, test, labels: info.labels, classes: info.classes, teacher, source };
}

function syntheticPoints(kind: 'gaussian' | 'sphere' | 'orthonormal', n: number, d: number, seed: number): Points {
  const rng = streamRng(seed, 'data');
  if (kind === 'gaussian') return gaussianPoints(n, d, rng);
  if (kind === 'sphere') return spherePoints(n, d, rng);
  return orthonormalPoints(n, d, rng);
}
