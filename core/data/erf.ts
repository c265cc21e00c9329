/**
 * The error function in double precision (no tanh or low-order rational
 * approximations: gelu must be the exact x Phi(x)). Two classic expansions:
 * the Maclaurin series where it converges fast and loses little to
 * cancellation (|x| < 2), and the continued fraction of erfc beyond, which
 * keeps full relative accuracy in the tail. Both are accurate to ~1e-15.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const SERIES_LIMIT = 2;
/** Continued-fraction depth; 60 levels are converged to rounding at x = 2 and beyond. */
const CF_DEPTH = 60;

/** erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < SERIES_LIMIT) return erfSeries(x);
  return x > 0 ? 1 - erfcTail(x) : erfcTail(-x) - 1;
}

/** erfc(x) = 1 - erf(x), accurate also where it is tiny (large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  return erfcTail(x);
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/** erf(x) = 2/sqrt(pi) sum_k (-1)^k x^(2k+1) / (k! (2k+1)). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (-1)^k x^(2k+1) / k!
  let sum = x;
  for (let k = 1; k < 100; k++) {
    term *= -x2 / k;
    const add = term / (2 * k + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/**
 * erfc(x) for x >= 2 by the continued fraction
 * erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 * evaluated from the bottom up.
 */
function erfcTail(x: number): number {
  if (x > 27) return 0; // below the smallest double
  let f = x;
  for (let k = CF_DEPTH; k >= 1; k--) f = x + k / 2 / f;
  return (Math.exp(-x * x) * ONE_OVER_SQRT_PI) / f;
}
