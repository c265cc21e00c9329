import type { Rng } from '../random/rng.js';
import type { LabeledPoints } from './points.js';
import { makeToy } from './toy-helpers.js';

/**
 * XOR on the square [-1, 1]^2: the label is sign(x1 * x2) of the clean point.
 * Each class picks one of its two quadrants at random; coordinates have
 * magnitude in (0, 1] so no clean point lies on an axis.
 */
export function xor(n: number, noise: number, rng: Rng): LabeledPoints {
  return makeToy(n, noise, rng, (label) => {
    const s1 = rng.sign();
    const s2 = label * s1;
    const a = 1 - rng.uniform();
    const b = 1 - rng.uniform();
    return [s1 * a, s2 * b];
  });
}
