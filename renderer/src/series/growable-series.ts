/**
 * Metric columns of a streaming run, grown in place: Float64Array columns with
 * doubling capacity, so appending a batch is a copy, not a rebuild. Absent
 * cells are NaN. Kept out of Vue's reactivity (markRaw by the live store).
 */
import type { MetricSeries } from '../../../core/contract/series-codec.js';

export class GrowableSeries {
  length = 0;
  private capacity: number;
  private stepCol: Float64Array;
  private timeCol: Float64Array;
  private readonly cols = new Map<string, Float64Array>();

  constructor(initialCapacity = 256) {
    this.capacity = Math.max(1, initialCapacity);
    this.stepCol = new Float64Array(this.capacity);
    this.timeCol = new Float64Array(this.capacity);
  }

  get lastStep(): number {
    return this.length > 0 ? this.stepCol[this.length - 1]! : -Infinity;
  }

  get steps(): Float64Array {
    return this.stepCol.subarray(0, this.length);
  }

  get time(): Float64Array {
    return this.timeCol.subarray(0, this.length);
  }

  names(): string[] {
    return [...this.cols.keys()];
  }

  column(name: string): Float64Array | null {
    const c = this.cols.get(name);
    return c ? c.subarray(0, this.length) : null;
  }

  /** Append rows whose step is past the last one (a batch overlapping a backfill adds nothing twice). */
  append(s: MetricSeries): number {
    let first = 0;
    while (first < s.steps.length && s.steps[first]! <= this.lastStep) first++;
    const add = s.steps.length - first;
    if (add <= 0) return 0;
    this.reserve(this.length + add);
    const at = this.length;
    this.stepCol.set(s.steps.subarray(first), at);
    this.timeCol.set(s.time_ms.subarray(first), at);
    for (const [name, values] of Object.entries(s.columns)) {
      let col = this.cols.get(name);
      if (!col) {
        col = new Float64Array(this.capacity).fill(Number.NaN);
        this.cols.set(name, col);
      }
      const present = s.present[name];
      for (let i = first; i < values.length; i++) col[at + i - first] = present && present[i] === 0 ? Number.NaN : values[i]!;
    }
    // Columns missing from this batch stay NaN for its rows (filled at creation or growth).
    for (const [name, col] of this.cols) if (!(name in s.columns)) col.fill(Number.NaN, at, at + add);
    this.length += add;
    return add;
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    let cap = this.capacity;
    while (cap < rows) cap *= 2;
    this.stepCol = grow(this.stepCol, cap, 0);
    this.timeCol = grow(this.timeCol, cap, 0);
    for (const [name, col] of this.cols) this.cols.set(name, grow(col, cap, Number.NaN));
    this.capacity = cap;
  }

  /** A series from a full fetch, then the rows of `newer` that came after it (a backfill under a live stream). */
  static merged(backfill: MetricSeries, newer: GrowableSeries | null): GrowableSeries {
    const out = new GrowableSeries(Math.max(256, backfill.steps.length * 2));
    out.append(backfill);
    if (newer && newer.length > 0) out.append(newer.toSeries());
    return out;
  }

  toSeries(): MetricSeries {
    const columns: Record<string, Float64Array> = {};
    const present: Record<string, Uint8Array> = {};
    for (const name of this.cols.keys()) {
      const c = this.column(name)!;
      columns[name] = c.slice();
      present[name] = Uint8Array.from(c, (v) => (Number.isNaN(v) ? 0 : 1));
    }
    return { steps: this.steps.slice(), time_ms: this.time.slice(), columns, present };
  }
}

function grow(a: Float64Array, cap: number, fill: number): Float64Array {
  const b = new Float64Array(cap);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}
