import type { Rng } from '../random/rng.js';
import type { LabeledPoints } from './points.js';
import { makeToy } from './toy-helpers.js';

/**
 * Two interleaving half circles (as scikit-learn's make_moons): +1 on
 * (cos t, sin t), -1 on (1 - cos t, 1/2 - sin t), t uniform on [0, pi].
 */
export function moons(n: number, noise: number, rng: Rng): LabeledPoints {
  return makeToy(n, noise, rng, (label) => {
    const t = Math.PI * rng.uniform();
    return label === 1 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  });
}
