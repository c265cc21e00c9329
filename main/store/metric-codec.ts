/**
 * How one batch of metric records is stored: one `metric_chunks` row.
 *
 *  - `columns`: the column names, comma-separated; always `step,time_ms` first,
 *    then the other keys in the order they first appear in the batch.
 *  - `data`: for each column in that order, the values of the records that HAVE
 *    the column, packed, as little-endian float64. Packing (rather than a dense
 *    grid with a filler for absent cells) keeps a metric recorded every 100
 *    steps at 1/100 of the size, and leaves every float64 bit pattern, NaN and
 *    +-Infinity included, free to be a real value: "absent" is never encoded as
 *    a special number.
 *  - `presence`: NULL when every record has every column (the usual case).
 *    Otherwise one bitmap per column, ceil(rows / 8) bytes each, in column
 *    order; bit (r & 7) of byte (r >> 3) is set when record r has the column.
 *
 * So a dense column costs 8 bytes per point (1,000,000 points = 8 MB), plus
 * 1 bit per cell when some column of the chunk is sparse.
 */
import { endianness } from 'node:os';
import type { MetricRecord } from '../../core/run/types.js';
import { StoreError } from './store-error.js';

export const FIXED_COLUMNS = ['step', 'time_ms'] as const;

const BIG_ENDIAN = endianness() === 'BE';

export interface EncodedChunk {
  rows: number;
  columns: string[];
  firstStep: number;
  lastStep: number;
  data: Buffer;
  presence: Buffer | null;
}

/** The stored form of a chunk, as read from its row. */
export interface StoredChunk {
  rows: number;
  columns: string;
  data: Buffer;
  presence: Buffer | null;
}

function invalid(message: string): StoreError {
  return new StoreError('invalid', `bad metric record: ${message}`);
}

function checkColumnName(name: string): void {
  // Commas separate the stored names; `__proto__` would not survive as a key of a plain object.
  if (name.length === 0 || name.includes(',') || name === '__proto__') {
    throw invalid(`${JSON.stringify(name)} cannot be a column name`);
  }
}

export function encodeChunk(records: readonly MetricRecord[]): EncodedChunk {
  const rows = records.length;
  const columns: string[] = [...FIXED_COLUMNS];
  const index = new Map<string, number>(columns.map((c, i) => [c, i]));
  for (const rec of records) {
    for (const key of Object.keys(rec)) {
      if (!index.has(key)) {
        checkColumnName(key);
        index.set(key, columns.length);
        columns.push(key);
      }
    }
  }
  const bytesPerColumn = (rows + 7) >> 3;
  const bitmaps = new Uint8Array(columns.length * bytesPerColumn);
  const counts = new Array<number>(columns.length).fill(0);
  let firstStep = Infinity;
  let lastStep = -Infinity;
  records.forEach((rec, r) => {
    const step = rec.step;
    if (typeof step !== 'number' || !Number.isFinite(step)) throw invalid(`record ${r} has no finite "step"`);
    if (typeof rec.time_ms !== 'number') throw invalid(`record ${r} (step ${step}) has no "time_ms"`);
    if (step < firstStep) firstStep = step;
    if (step > lastStep) lastStep = step;
    for (const [key, value] of Object.entries(rec)) {
      if (typeof value !== 'number') throw invalid(`"${key}" at step ${step} is ${typeof value}, not a number`);
      const c = index.get(key)!;
      counts[c]!++;
      bitmaps[c * bytesPerColumn + (r >> 3)]! |= 1 << (r & 7);
    }
  });

  const cursor: number[] = [];
  let total = 0;
  for (const n of counts) {
    cursor.push(total);
    total += n;
  }
  const values = new Float64Array(total);
  for (const rec of records) {
    for (const [key, value] of Object.entries(rec)) {
      const c = index.get(key)!;
      values[cursor[c]!++] = value;
    }
  }
  const data = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (BIG_ENDIAN) data.swap64();
  const dense = counts.every((n) => n === rows);
  return {
    rows,
    columns,
    firstStep,
    lastStep,
    data,
    presence: dense ? null : Buffer.from(bitmaps.buffer, bitmaps.byteOffset, bitmaps.byteLength),
  };
}

/** A stored chunk opened for reading; columns are decoded on demand. */
export class DecodedChunk {
  readonly rows: number;
  readonly columns: readonly string[];
  private readonly values: Float64Array;
  private readonly presence: Uint8Array | null;
  private readonly offsets = new Map<string, { column: number; offset: number; count: number }>();
  private readonly bytesPerColumn: number;

  constructor(stored: StoredChunk) {
    this.rows = stored.rows;
    this.columns = stored.columns.split(',');
    this.bytesPerColumn = (this.rows + 7) >> 3;
    if (stored.data.byteLength % 8 !== 0) throw new StoreError('corrupt', 'a metric chunk has a truncated data blob');
    // Copy into an array of our own: the blob may not be 8-byte aligned for a Float64Array view.
    this.values = new Float64Array(stored.data.byteLength / 8);
    new Uint8Array(this.values.buffer).set(stored.data);
    if (BIG_ENDIAN) Buffer.from(this.values.buffer).swap64();
    this.presence = stored.presence === null ? null : new Uint8Array(stored.presence);
    if (this.presence !== null && this.presence.length !== this.columns.length * this.bytesPerColumn) {
      throw new StoreError('corrupt', 'a metric chunk has a presence bitmap of the wrong size');
    }
    let offset = 0;
    this.columns.forEach((name, column) => {
      const count = this.presentCount(column);
      this.offsets.set(name, { column, offset, count });
      offset += count;
    });
    if (offset !== this.values.length) throw new StoreError('corrupt', 'a metric chunk has a data blob of the wrong size');
  }

  private presentCount(column: number): number {
    if (this.presence === null) return this.rows;
    let n = 0;
    const start = column * this.bytesPerColumn;
    for (let i = start; i < start + this.bytesPerColumn; i++) {
      let b = this.presence[i]!;
      while (b !== 0) {
        b &= b - 1;
        n++;
      }
    }
    return n;
  }

  has(name: string): boolean {
    return this.offsets.has(name);
  }

  /**
   * Copy column `name` for rows [from, to) into `out` at `at`, setting
   * `present` to 1 where a row has the column; rows without it are left as
   * they are (the caller pre-fills NaN and 0). `keep`, when given, selects rows.
   */
  copyColumn(
    name: string,
    out: Float64Array,
    present: Uint8Array | null,
    at: number,
    keep: Uint8Array | null,
  ): void {
    const where = this.offsets.get(name);
    if (where === undefined) return;
    const { column, offset, count } = where;
    if (count === this.rows && keep === null) {
      out.set(this.values.subarray(offset, offset + this.rows), at);
      present?.fill(1, at, at + this.rows);
      return;
    }
    const bits = this.presence;
    const base = column * this.bytesPerColumn;
    let src = offset;
    let dst = at;
    for (let r = 0; r < this.rows; r++) {
      const has = bits === null || (bits[base + (r >> 3)]! & (1 << (r & 7))) !== 0;
      const kept = keep === null || keep[r] === 1;
      if (has) {
        if (kept) {
          out[dst] = this.values[src]!;
          if (present !== null) present[dst] = 1;
        }
        src++;
      }
      if (kept) dst++;
    }
  }

  /** The step column (always dense). */
  steps(): Float64Array {
    const offset = this.offsets.get('step')?.offset ?? 0;
    return this.values.subarray(offset, offset + this.rows);
  }
}
