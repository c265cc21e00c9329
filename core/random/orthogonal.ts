/**
 * A random matrix with orthonormal rows or columns (whichever are fewer), by
 * modified Gram-Schmidt on a Gaussian matrix in float64. With the Gaussian
 * draw this is Haar-distributed up to column signs (Mezzadri 2007).
 */
import type { Rng } from './rng.js';

/** rows x cols, row-major; orthonormal columns when rows >= cols, else orthonormal rows. */
export function randomOrthogonal(rows: number, cols: number, rng: Rng): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols; // vector length
  const k = tall ? cols : rows; // number of vectors
  const v = orthonormalVectors(k, m, rng);
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < m; i++) {
      if (tall) out[i * cols + j] = v[j * m + i]!;
      else out[j * cols + i] = v[j * m + i]!;
    }
  }
  return out;
}

/** k orthonormal vectors of length m (k <= m), stored one after another. */
export function orthonormalVectors(k: number, m: number, rng: Rng): Float64Array {
  if (k > m) throw new Error(`cannot have ${k} orthonormal vectors in dimension ${m}`);
  const v = new Float64Array(k * m);
  for (let j = 0; j < k; j++) {
    for (;;) {
      const row = v.subarray(j * m, (j + 1) * m);
      for (let i = 0; i < m; i++) row[i] = rng.normal();
      let before = 0;
      for (let i = 0; i < m; i++) before += row[i]! * row[i]!;
      // Two passes of Gram-Schmidt ("twice is enough", Giraud et al. 2005) keep
      // float64 orthogonality near machine precision even for k close to m.
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < j; p++) {
          const prev = v.subarray(p * m, (p + 1) * m);
          let dot = 0;
          for (let i = 0; i < m; i++) dot += row[i]! * prev[i]!;
          for (let i = 0; i < m; i++) row[i] = row[i]! - dot * prev[i]!;
        }
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += row[i]! * row[i]!;
      norm = Math.sqrt(norm);
      // A draw (almost) inside the span of the previous vectors would lose its
      // precision on normalization; it has probability ~0, but draw again.
      if (norm > 1e-6 * Math.sqrt(before)) {
        for (let i = 0; i < m; i++) row[i] = row[i]! / norm;
        break;
      }
    }
  }
  return v;
}
