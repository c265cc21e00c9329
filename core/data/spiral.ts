import type { Rng } from '../random/rng.js';
import type { LabeledPoints } from './points.js';
import { makeToy } from './toy-helpers.js';

/** Turns of each arm. */
const TURNS = 1.5;
/** Arms start this far from the origin, where the two would otherwise meet. */
const START = 0.1;

/**
 * Two interleaved Archimedean spirals: a point at parameter t uniform on [0, 1)
 * has radius START + (1 - START) t and angle 2 pi TURNS t, plus pi for the -1 arm.
 */
export function spiral(n: number, noise: number, rng: Rng): LabeledPoints {
  return makeToy(n, noise, rng, (label) => {
    const t = rng.uniform();
    const r = START + (1 - START) * t;
    const angle = 2 * Math.PI * TURNS * t + (label === 1 ? 0 : Math.PI);
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
}
