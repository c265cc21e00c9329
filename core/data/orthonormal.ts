import type { Rng } from '../random/rng.js';
import { orthonormalVectors } from '../random/orthogonal.js';
import { SpecError } from '../spec/problems.js';
import type { Points } from './points.js';

/**
 * n <= d orthonormal rows: a random orthonormal frame by Gram-Schmidt on a
 * Gaussian n x d matrix (core/random/orthogonal.ts, shared with the
 * orthogonal initialization). Linearly independent by construction.
 */
export function orthonormalPoints(n: number, d: number, rng: Rng): Points {
  if (n > d) throw new SpecError([{ path: 'data.n', message: `orthonormal inputs need n <= d (n = ${n}, d = ${d})` }]);
  return { x: orthonormalVectors(n, d, rng), n, d };
}
