/**
 * Metrics read back from the store, column by column: the shape of the
 * contract (typed arrays, NaN where a metric was not recorded, a presence mask
 * so a recorded NaN or Infinity stays distinct from an absent cell).
 */
export { type MetricSeries, recordsOfSeries as recordsOf } from '../../core/contract/series-codec.js';
