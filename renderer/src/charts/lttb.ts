/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013, "Downsampling
 * Time Series for Visual Representation", ch. 4.2): keep the first and last
 * point; split the rest into `threshold - 2` buckets; from each bucket keep the
 * point that forms the largest triangle with the point kept before it and the
 * mean of the next bucket. It keeps peaks and the shape of noise, which a
 * stride or a mean would flatten.
 *
 * Points are (x, y) pairs packed in one Float64Array [x0, y0, x1, y1, ...], in
 * the space they are drawn in (log10 of a log axis), x non-decreasing.
 */

/**
 * Indices (into the packed points) that LTTB keeps from points [from, to),
 * at most `threshold` of them, in increasing order. Every index when there
 * are no more than `threshold` points.
 */
export function lttbIndices(xy: Float64Array, from: number, to: number, threshold: number): Uint32Array {
  const n = Math.max(0, to - from);
  const keep = Math.max(2, Math.floor(threshold));
  if (n <= keep) return Uint32Array.from({ length: n }, (_, i) => from + i);

  const out = new Uint32Array(keep);
  const every = (n - 2) / (keep - 2);
  let a = from;
  out[0] = a;
  for (let i = 0; i < keep - 2; i++) {
    // The mean of the next bucket (the last point, for the last bucket).
    const nextStart = from + Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(from + Math.floor((i + 2) * every) + 1, to);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xy[2 * j]!;
      avgY += xy[2 * j + 1]!;
    }
    const m = nextEnd - nextStart;
    avgX /= m;
    avgY /= m;

    // This bucket's point of largest triangle (twice its area; the factor does not change the choice).
    const start = from + Math.floor(i * every) + 1;
    const end = from + Math.floor((i + 1) * every) + 1;
    const ax = xy[2 * a]!;
    const ay = xy[2 * a + 1]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (xy[2 * j + 1]! - ay) - (ax - xy[2 * j]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
  }
  out[keep - 1] = to - 1;
  return out;
}

/** The packed points at `indices`. */
export function gatherPoints(xy: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length * 2);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    out[2 * k] = xy[2 * i]!;
    out[2 * k + 1] = xy[2 * i + 1]!;
  }
  return out;
}

/** LTTB of every point: packed points in, at most `threshold` packed points out. */
export function lttb(xy: Float64Array, threshold: number): Float64Array {
  return gatherPoints(xy, lttbIndices(xy, 0, xy.length >> 1, threshold));
}
