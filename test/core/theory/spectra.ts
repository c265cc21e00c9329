/** Small known spectra for the theory tests: H = diag(lambda), eigenvectors the unit vectors. */
import type { SymmetricEigen } from '../../../core/ntk/spectrum.js';

export function diagonal(lambda: readonly number[]): SymmetricEigen {
  const n = lambda.length;
  const order = Array.from(lambda.keys()).sort((p, q) => lambda[p]! - lambda[q]!);
  const values = Float64Array.from(order, (k) => lambda[k]!);
  const vectors = new Float64Array(n * n);
  order.forEach((k, r) => {
    vectors[r * n + k] = 1;
  });
  return { values, vectors };
}

/**
 * 2 J_1(z) / z by its power series. Its largest term is ~1e4 at z = 15, so
 * cancellation leaves an absolute error below ~1e-12 for z <= 15.
 */
export function besselRatio(z: number): number {
  const q = (z / 2) ** 2;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 200; k++) {
    term *= -q / (k * (k + 1));
    sum += term;
    if (Math.abs(term) < 1e-18) break;
  }
  return sum;
}
