/** The run store's public surface. */
export { RunStore } from './run-store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
export { recordsOf, type MetricSeries } from './metric-series.js';
export { SCHEMA_VERSION } from './migrations.js';
export { DATABASE_FILE, type OpenOptions } from './open-database.js';
export { INTERRUPTED_REASON } from './run-owner.js';
export { DATA_DIR_ENV, PRODUCT_NAME, defaultDataDir, resolveDataDir, type DataDirContext } from './data-dir.js';
export type {
  ExperimentListing,
  FailStatus,
  MetricQuery,
  NewExperiment,
  RunFilter,
  RunListing,
  StoredExperiment,
  StoredRun,
} from './types.js';
