import type { Rng } from '../random/rng.js';
import type { LabeledPoints } from './points.js';

/**
 * The 2-D toys are balanced: the first ceil(n/2) points get +1 and the rest -1
 * (the split and the minibatches shuffle them later).
 */
export function toyLabel(i: number, n: number): 1 | -1 {
  return i < Math.ceil(n / 2) ? 1 : -1;
}

/**
 * Builds a 2-D toy: `clean(label)` returns a noise-free point for that class
 * and Gaussian jitter with standard deviation `noise` is added to it.
 */
export function makeToy(
  n: number,
  noise: number,
  rng: Rng,
  clean: (label: 1 | -1) => readonly [number, number],
): LabeledPoints {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = toyLabel(i, n);
    const [a, b] = clean(label);
    // Jitter is drawn even when noise is 0 so the stream (and thus every
    // point) does not depend on whether noise is zero.
    x[2 * i] = a + noise * rng.normal();
    x[2 * i + 1] = b + noise * rng.normal();
    y[i] = label;
  }
  return { x, y, n, d: 2 };
}
