import type { Rng } from '../random/rng.js';
import type { Points } from './points.js';

/** n points x ~ N(0, I_d). */
export function gaussianPoints(n: number, d: number, rng: Rng): Points {
  return { x: rng.normals(n * d), n, d };
}
