import type { Rng } from '../random/rng.js';
import { SpecError } from '../spec/problems.js';
import type { Points } from './points.js';

/**
 * n <= d orthonormal rows: Gram-Schmidt on a Gaussian n x d matrix (a random
 * orthonormal frame, uniformly distributed). Each row is orthogonalized twice
 * against the previous ones ("twice is enough", Giraud et al. 2005) so the Gram
 * matrix is the identity to rounding even for n close to d.
 */
export function orthonormalPoints(n: number, d: number, rng: Rng): Points {
  if (n > d) throw new SpecError([{ path: 'data.n', message: `orthonormal inputs need n <= d (n = ${n}, d = ${d})` }]);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    for (;;) {
      for (let j = 0; j < d; j++) row[j] = rng.normal();
      const before = norm(row);
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < i; k++) {
          const prev = x.subarray(k * d, (k + 1) * d);
          const c = dot(row, prev);
          for (let j = 0; j < d; j++) row[j] = row[j]! - c * prev[j]!;
        }
      }
      const after = norm(row);
      // A draw (almost) inside the span of the previous rows would lose all its
      // precision on normalization; it has probability ~0, but draw again.
      if (after > 1e-6 * before) {
        for (let j = 0; j < d; j++) row[j] = row[j]! / after;
        break;
      }
    }
  }
  return { x, n, d };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}
