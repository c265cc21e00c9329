/**
 * Intermediate float64 data while a dataset is being built: inputs are kept in
 * double precision until the very end so normalization and targets are exact,
 * and converted to float32 only once (see load.ts).
 */

/** n points in d dimensions, row-major. */
export interface Points {
  x: Float64Array;
  n: number;
  d: number;
}

/** Points with one label each. */
export interface LabeledPoints extends Points {
  y: Float64Array;
}
