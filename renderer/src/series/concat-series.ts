/**
 * Metric series fetched in step ranges, joined back into one: rows in the
 * order given, every column any part has (NaN and not present where a part
 * lacks it).
 */
import type { MetricSeries } from '../../../core/contract/series-codec.js';

export function concatSeries(parts: readonly MetricSeries[]): MetricSeries {
  if (parts.length === 1) return parts[0]!;
  let rows = 0;
  const names: string[] = [];
  for (const p of parts) {
    rows += p.steps.length;
    for (const n of Object.keys(p.columns)) if (!names.includes(n)) names.push(n);
  }
  const out: MetricSeries = { steps: new Float64Array(rows), time_ms: new Float64Array(rows), columns: {}, present: {} };
  for (const n of names) {
    out.columns[n] = new Float64Array(rows).fill(Number.NaN);
    out.present[n] = new Uint8Array(rows);
  }
  let at = 0;
  for (const p of parts) {
    out.steps.set(p.steps, at);
    out.time_ms.set(p.time_ms, at);
    for (const [n, col] of Object.entries(p.columns)) {
      out.columns[n]!.set(col, at);
      out.present[n]!.set(p.present[n] ?? new Uint8Array(col.length).fill(1), at);
    }
    at += p.steps.length;
  }
  return out;
}
