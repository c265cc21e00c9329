/**
 * Prepared (packed) lines of one chart, kept between redraws: a zoom re-thins
 * from them instead of packing a million points again, and a streaming run
 * (GrowableSeries hands out longer views of the same buffers as rows arrive)
 * packs only its new rows. Keyed by the values' buffer; an entry is reused
 * only when steps, time, axes and offsets match and the data has not shrunk.
 */
import type { XMode, YScale } from './axes.js';
import { extendLine, prepareBand, type PreparedBand, type PreparedLine } from './thin.js';

/** Where an array's numbers live: a typed array's buffer and offset; a plain array is its own. */
interface Source {
  store: object;
  offset: number;
}

function sourceOf(a: ArrayLike<number>): Source {
  return ArrayBuffer.isView(a) ? { store: a.buffer, offset: a.byteOffset } : { store: a as object, offset: 0 };
}

const same = (a: Source, b: Source): boolean => a.store === b.store && a.offset === b.offset;

interface LineEntry {
  values: Source;
  steps: Source;
  time: Source;
  xMode: XMode;
  yScale: YScale;
  /** Rows packed so far. */
  rows: number;
  /** Plain arrays may change in place: they are reused only at the same length. */
  appendOnly: boolean;
  prepared: PreparedLine;
}

interface BandEntry {
  steps: ArrayLike<number>;
  upper: ArrayLike<number>;
  xMode: XMode;
  yScale: YScale;
  prepared: PreparedBand;
}

export interface LineCache {
  line(steps: ArrayLike<number>, time: ArrayLike<number>, values: ArrayLike<number>, xMode: XMode, yScale: YScale): PreparedLine;
  band(steps: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>, xMode: XMode, yScale: YScale): PreparedBand;
}

export function createLineCache(): LineCache {
  const lines = new WeakMap<object, LineEntry>();
  const bands = new WeakMap<object, BandEntry>();

  return {
    line(steps, time, values, xMode, yScale) {
      const v = sourceOf(values);
      const s = sourceOf(steps);
      const t = sourceOf(time);
      const hit = lines.get(v.store);
      const reusable =
        hit !== undefined &&
        same(hit.values, v) &&
        same(hit.steps, s) &&
        same(hit.time, t) &&
        hit.xMode === xMode &&
        hit.yScale === yScale &&
        (hit.appendOnly ? values.length >= hit.rows : values.length === hit.rows);
      if (reusable && values.length === hit.rows) return hit.prepared;
      const prepared = extendLine(reusable ? hit.prepared : null, steps, time, values, reusable ? hit.rows : 0, xMode, yScale);
      lines.set(v.store, { values: v, steps: s, time: t, xMode, yScale, rows: values.length, appendOnly: ArrayBuffer.isView(values), prepared });
      return prepared;
    },
    band(steps, lower, upper, xMode, yScale) {
      const hit = bands.get(lower as object);
      if (hit && hit.steps === steps && hit.upper === upper && hit.xMode === xMode && hit.yScale === yScale) return hit.prepared;
      const prepared = prepareBand(steps, lower, upper, xMode, yScale);
      bands.set(lower as object, { steps, upper, xMode, yScale, prepared });
      return prepared;
    },
  };
}
