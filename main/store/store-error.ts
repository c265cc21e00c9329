/**
 * The one error type the run store throws for things a user or a caller can
 * act on. `code` lets hosts map it (the CLI to an exit code, the lab API to a
 * contract error) without matching on message text.
 */
export type StoreErrorCode =
  /** The database file is damaged or is not a Convergence Lab store. */
  | 'corrupt'
  /** The file was written by a newer Convergence Lab with a schema this code does not know. */
  | 'newer-schema'
  /** No experiment or run with that id (or id prefix). */
  | 'not-found'
  /** A run id prefix matches more than one run. */
  | 'ambiguous'
  /** The call makes no sense for the data given (bad metric record, deleting a live run, ...). */
  | 'invalid';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
