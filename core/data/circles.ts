import type { Rng } from '../random/rng.js';
import type { LabeledPoints } from './points.js';
import { makeToy } from './toy-helpers.js';

export const INNER_RADIUS = 0.5;
export const OUTER_RADIUS = 1;

/** Two concentric circles: +1 on the inner one (radius 1/2), -1 on the outer one (radius 1); angles uniform. */
export function circles(n: number, noise: number, rng: Rng): LabeledPoints {
  return makeToy(n, noise, rng, (label) => {
    const r = label === 1 ? INNER_RADIUS : OUTER_RADIUS;
    const t = 2 * Math.PI * rng.uniform();
    return [r * Math.cos(t), r * Math.sin(t)];
  });
}
