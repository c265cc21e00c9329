/**
 * Eigen-decomposition of a symmetric matrix (the NTK Gram H) in float64 with
 * ml-matrix's symmetric EigenvalueDecomposition (Householder tridiagonalisation
 * then implicit QL: tred2/tql2 of EISPACK, via JAMA).
 *
 * lambda_min is reported as computed, even when it comes out slightly negative:
 * H is positive semi-definite in exact arithmetic, and a negative lambda_min
 * says "singular up to rounding" (H itself is summed in float32, so eigenvalues
 * below ~1e-6 lambda_max are at rounding level). cond = lambda_max / lambda_min
 * when lambda_min > 0, else Infinity (a singular H has no finite condition
 * number; a negative ratio would be meaningless on a log axis).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /**
   * Unit eigenvectors, one per ROW, row-major n x n: row k (vectors.subarray(k n, (k+1) n))
   * belongs to values[k], so H = sum_k values[k] v_k v_k^T.
   */
  vectors: Float64Array;
}

export interface SpectrumSummary {
  lambdaMin: number;
  lambdaMax: number;
  /** lambdaMax / lambdaMin, or Infinity when lambdaMin <= 0. */
  cond: number;
}

/** Eigenvalues (ascending) and eigenvectors of the symmetric n x n matrix h (row-major). */
export function symmetricEigen(h: Float64Array, n: number): SymmetricEigen {
  const evd = decompose(h, n);
  const d = evd.realEigenvalues;
  const v = evd.eigenvectorMatrix; // column k is the eigenvector of d[k]
  const order = ascending(d);
  const values = Float64Array.from(order, (k) => d[k]!);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const k = order[r]!;
    for (let i = 0; i < n; i++) vectors[r * n + i] = v.get(i, k);
  }
  return { values, vectors };
}

/** Eigenvalues of the symmetric n x n matrix h, ascending. */
export function symmetricEigenvalues(h: Float64Array, n: number): Float64Array {
  return Float64Array.from(decompose(h, n).realEigenvalues).sort();
}

/** lambda_min, lambda_max and the condition number from ascending eigenvalues. */
export function summarize(values: Float64Array): SpectrumSummary {
  if (values.length === 0) return { lambdaMin: Number.NaN, lambdaMax: Number.NaN, cond: Number.NaN };
  const lambdaMin = values[0]!;
  const lambdaMax = values[values.length - 1]!;
  return { lambdaMin, lambdaMax, cond: lambdaMin > 0 ? lambdaMax / lambdaMin : Number.POSITIVE_INFINITY };
}

/** The summary of a symmetric matrix's spectrum. */
export function spectrum(h: Float64Array, n: number): SpectrumSummary {
  return summarize(symmetricEigenvalues(h, n));
}

function decompose(h: Float64Array, n: number): EigenvalueDecomposition {
  if (h.length !== n * n) throw new Error(`expected ${n * n} entries for an ${n} x ${n} matrix, got ${h.length}`);
  if (n === 0) throw new Error('the matrix is empty');
  // Non-finite entries would make the QL iteration spin; fail clearly instead.
  for (let i = 0; i < h.length; i++) if (!Number.isFinite(h[i]!)) throw new Error('the matrix has a non-finite entry');
  return new EigenvalueDecomposition(Matrix.from1DArray(n, n, h), { assumeSymmetric: true });
}

function ascending(d: readonly number[]): number[] {
  return Array.from(d.keys()).sort((a, b) => d[a]! - d[b]!);
}
