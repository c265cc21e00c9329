/**
 * A dataset as the training core consumes it: row-major float32 matrices, the
 * split already made, and what is known about how the labels were made.
 */
export type LabelKind =
  /** Continuous regression targets. */
  | 'real'
  /** Exactly -1 or +1 (binary classification, logistic / exponential loss). */
  | 'pm1'
  /** Integer class indices 0..classes-1 (cross-entropy). */
  | 'classes';

export interface DataSplit {
  /** Row-major n x d inputs. */
  x: Float32Array;
  /** One label per row. */
  y: Float32Array;
  n: number;
}

export interface Dataset {
  d: number;
  train: DataSplit;
  test: DataSplit;
  labels: LabelKind;
  /** Number of classes for `classes` labels (2 for `pm1`), 0 for `real`. */
  classes: number;
  /** The linear teacher w* (unit norm unless given explicitly), when the labels came from one. */
  teacher: Float64Array | null;
  /** Where the data came from: for CSV files the path and SHA-256 of the bytes read. */
  source: DataSource;
}

export type DataSource =
  | { kind: 'synthetic'; generator: string }
  | { kind: 'csv'; path: string; sha256: string; rows: number; targetColumn: string };
