import { dataSchema, type DataSpec, type ExperimentInput, type LossSpec } from '../../../core/spec/schema.js';
import { loadDataset } from '../../../core/data/load.js';
import type { Dataset } from '../../../core/data/dataset.js';

/** A data spec with the schema's defaults filled in. */
export function spec(input: ExperimentInput['data']): DataSpec {
  return dataSchema.parse(input);
}

export function load(input: ExperimentInput['data'], seed = 0, loss: LossSpec['kind'] = 'mse', baseDir = '/'): Dataset {
  return loadDataset(spec(input), seed, { baseDir, loss });
}

export function row(x: Float32Array, d: number, i: number): Float32Array {
  return x.subarray(i * d, (i + 1) * d);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

/** Bytes of both splits, for comparing datasets exactly. */
export function bytesOf(ds: Dataset): Uint8Array[] {
  return [ds.train.x, ds.train.y, ds.test.x, ds.test.y].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}
