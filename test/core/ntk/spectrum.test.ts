/**
 * The symmetric eigen-decomposition against matrices built from a known
 * spectrum: A = Q diag(lambda) Q^T with Q Haar-orthogonal. Everything is
 * float64 and well conditioned (|lambda| <= 10, n <= 40), so eigenvalues agree
 * to ~n eps |lambda|_max ~ 1e-13; we allow 1e-10.
 */
import { describe, expect, it } from 'vitest';
import { spectrum, summarize, symmetricEigen, symmetricEigenvalues } from '../../../core/ntk/spectrum.js';
import { randomOrthogonal } from '../../../core/random/orthogonal.js';
import { Rng } from '../../../core/random/rng.js';

/** Q diag(lambda) Q^T, row-major. */
function withSpectrum(lambda: readonly number[], seed: number): Float64Array {
  const n = lambda.length;
  const q = randomOrthogonal(n, n, new Rng(seed));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k]! * lambda[k]! * q[j * n + k]!;
      a[i * n + j] = s;
    }
  }
  // Exactly symmetric, as ntkGram returns it.
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]!;
  return a;
}

describe('symmetric eigen-decomposition', () => {
  const lambda = Array.from({ length: 40 }, (_, k) => ((k * 7919) % 40) / 4 - 2); // shuffled, some negative
  const n = lambda.length;
  const a = withSpectrum(lambda, 5);
  const sorted = [...lambda].sort((p, q) => p - q);

  it('returns the known eigenvalues in ascending order', () => {
    const { values } = symmetricEigen(a, n);
    values.forEach((v, k) => expect(Math.abs(v - sorted[k]!)).toBeLessThan(1e-10));
    expect(Array.from(symmetricEigenvalues(a, n))).toEqual(Array.from(values));
  });

  it('returns orthonormal eigenvectors, one per row, with A v_k = lambda_k v_k', () => {
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 0; k < n; k++) {
      const v = vectors.subarray(k * n, (k + 1) * n);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * v[j]!;
        expect(Math.abs(av - values[k]! * v[i]!)).toBeLessThan(1e-10);
      }
      for (let m = 0; m <= k; m++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i]! * vectors[m * n + i]!;
        expect(Math.abs(dot - (m === k ? 1 : 0))).toBeLessThan(1e-10);
      }
    }
  });

  it('summarises lambda_min, lambda_max and cond', () => {
    const pd = withSpectrum([0.5, 1, 3, 2], 9);
    const s = spectrum(pd, 4);
    expect(s.lambdaMin).toBeCloseTo(0.5, 12);
    expect(s.lambdaMax).toBeCloseTo(3, 12);
    expect(s.cond).toBeCloseTo(6, 10);
    // A singular (or rounding-negative) lambda_min is reported as is, with cond = Infinity.
    expect(summarize(Float64Array.of(-1e-17, 1, 2))).toEqual({ lambdaMin: -1e-17, lambdaMax: 2, cond: Infinity });
    expect(summarize(Float64Array.of(0, 2)).cond).toBe(Infinity);
    expect(spectrum(Float64Array.of(4), 1)).toEqual({ lambdaMin: 4, lambdaMax: 4, cond: 1 });
  });

  it('rejects a wrong size and non-finite entries', () => {
    expect(() => spectrum(new Float64Array(3), 2)).toThrow(/expected 4 entries/);
    expect(() => spectrum(Float64Array.of(1, Number.NaN, Number.NaN, 1), 2)).toThrow(/non-finite/);
  });
});
