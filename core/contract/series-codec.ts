/**
 * Metric series to and from the wire format of records.ts: float64 columns as
 * base64 (exact, NaN and Infinity included), a presence byte per cell.
 * Uses only btoa/atob, which Node and browsers both have.
 */
import type { MetricRecord } from '../run/types.js';
import type { EncodedSeries } from './records.js';

/** Columns of a run's metrics: NaN where absent, `present` = 1 where recorded. */
export interface MetricSeries {
  steps: Float64Array;
  time_ms: Float64Array;
  columns: Record<string, Float64Array>;
  present: Record<string, Uint8Array>;
}

const BASE64_CODES = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const PAD = 61; // '='

/**
 * RFC 4648 base64 by table lookup. btoa needs a binary string first, and
 * building one with String.fromCharCode(...chunk) cost ~2 s per 8 MB column
 * (a run of 1,000,000 points took ~10 s to encode); this takes ~0.1 s.
 */
function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64_CODES[v >> 18]!;
    out[o++] = BASE64_CODES[(v >> 12) & 63]!;
    out[o++] = BASE64_CODES[(v >> 6) & 63]!;
    out[o++] = BASE64_CODES[v & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i]! << 16) | ((two ? bytes[i + 1]! : 0) << 8);
    out[o++] = BASE64_CODES[v >> 18]!;
    out[o++] = BASE64_CODES[(v >> 12) & 63]!;
    out[o++] = two ? BASE64_CODES[(v >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  // Base64 is ASCII: as UTF-8 it decodes byte for byte.
  return new TextDecoder().decode(out);
}

/** Uint8Array.fromBase64 (TC39, in Chromium 140+): native, no binary string in between. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64?.bind(Uint8Array);

function base64ToBytes(b64: string): Uint8Array {
  // A run of 1,000,000 points is ~34 MB of columns: atob plus a copy loop took ~2 s of the renderer's main thread.
  if (nativeFromBase64) return nativeFromBase64(b64);
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Float64 values as base64, exactly (NaN and Infinity included); also carries the NTK matrices of worker.ts. */
export function encodeFloats(a: Float64Array): string {
  // Float64Array is little-endian on every platform Electron and Node run on.
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

/** The inverse of encodeFloats; throws unless the text holds exactly `rows` values. */
export function decodeFloats(b64: string, rows: number): Float64Array {
  const bytes = base64ToBytes(b64);
  if (bytes.length !== rows * 8) throw new Error(`a float column has ${bytes.length} bytes, expected ${rows * 8}`);
  return new Float64Array(bytes.buffer, bytes.byteOffset, rows);
}

export function encodeSeries(s: MetricSeries): EncodedSeries {
  const columns: Record<string, string> = {};
  const present: Record<string, string> = {};
  for (const [name, col] of Object.entries(s.columns)) {
    columns[name] = encodeFloats(col);
    present[name] = bytesToBase64(s.present[name] ?? new Uint8Array(col.length).fill(1));
  }
  return { rows: s.steps.length, steps: encodeFloats(s.steps), time_ms: encodeFloats(s.time_ms), columns, present };
}

export function decodeSeries(e: EncodedSeries): MetricSeries {
  const columns: Record<string, Float64Array> = {};
  const present: Record<string, Uint8Array> = {};
  for (const [name, b64] of Object.entries(e.columns)) {
    columns[name] = decodeFloats(b64, e.rows);
    const p = base64ToBytes(e.present[name] ?? '');
    if (p.length !== e.rows) throw new Error(`column ${name}: presence has ${p.length} rows, expected ${e.rows}`);
    present[name] = p;
  }
  return { steps: decodeFloats(e.steps, e.rows), time_ms: decodeFloats(e.time_ms, e.rows), columns, present };
}

/** Records (as the loop emits them) to columns. */
export function seriesOfRecords(records: readonly MetricRecord[]): MetricSeries {
  const rows = records.length;
  const names = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (k !== 'step' && k !== 'time_ms') names.add(k);
  const steps = new Float64Array(rows);
  const time = new Float64Array(rows);
  const columns: Record<string, Float64Array> = {};
  const present: Record<string, Uint8Array> = {};
  for (const n of names) {
    columns[n] = new Float64Array(rows).fill(Number.NaN);
    present[n] = new Uint8Array(rows);
  }
  records.forEach((r, i) => {
    steps[i] = r.step;
    time[i] = r.time_ms;
    for (const n of names) {
      const v = r[n];
      if (v !== undefined) {
        columns[n]![i] = v;
        present[n]![i] = 1;
      }
    }
  });
  return { steps, time_ms: time, columns, present };
}

/** Columns back to records: an absent cell is a missing key; a recorded NaN stays NaN. */
export function recordsOfSeries(s: MetricSeries): MetricRecord[] {
  const names = Object.keys(s.columns);
  const out: MetricRecord[] = new Array<MetricRecord>(s.steps.length);
  for (let i = 0; i < s.steps.length; i++) {
    const rec: MetricRecord = { step: s.steps[i]!, time_ms: s.time_ms[i]! };
    for (const n of names) if (s.present[n]![i] === 1) rec[n] = s.columns[n]![i]!;
    out[i] = rec;
  }
  return out;
}
