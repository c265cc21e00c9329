import type { Rng } from '../random/rng.js';
import type { Points } from './points.js';

/**
 * n points uniform on the unit sphere S^{d-1}: a Gaussian vector divided by its
 * norm (the Gaussian is rotation invariant, so its direction is uniform).
 */
export function spherePoints(n: number, d: number, rng: Rng): Points {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    let norm = 0;
    // A zero draw has probability 0 but would have no direction: draw again.
    while (norm === 0) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = rng.normal();
        row[j] = v;
        s += v * v;
      }
      norm = Math.sqrt(s);
    }
    for (let j = 0; j < d; j++) row[j] = row[j]! / norm;
  }
  return { x, n, d };
}
