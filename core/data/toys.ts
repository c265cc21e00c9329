import type { Rng } from '../random/rng.js';
import type { TOY_KINDS } from '../spec/schema.js';
import { circles } from './circles.js';
import { moons } from './moons.js';
import type { LabeledPoints } from './points.js';
import { spiral } from './spiral.js';
import { xor } from './xor.js';

export type ToyKind = (typeof TOY_KINDS)[number];

const TOYS: Record<ToyKind, (n: number, noise: number, rng: Rng) => LabeledPoints> = { moons, circles, xor, spiral };

/** A 2-D toy with labels +-1, balanced, with Gaussian jitter of std `noise`. */
export function toyPoints(kind: ToyKind, n: number, noise: number, rng: Rng): LabeledPoints {
  return TOYS[kind](n, noise, rng);
}
