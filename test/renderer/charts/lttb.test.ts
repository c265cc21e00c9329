import { describe, expect, it } from 'vitest';
import { gatherPoints, lttb, lttbIndices } from '../../../renderer/src/charts/lttb.js';

/**
 * An independent reference: Steinarsson's own JavaScript (flot-downsample,
 * largestTriangleThreeBuckets), on [x, y] pairs, transcribed as published.
 */
function reference(data: [number, number][], threshold: number): [number, number][] {
  const dataLength = data.length;
  if (threshold >= dataLength || threshold === 0) return data;
  const sampled: [number, number][] = [];
  const every = (dataLength - 2) / (threshold - 2);
  let a = 0;
  let maxAreaPoint: [number, number] = data[0]!;
  let nextA = 0;
  sampled.push(data[a]!);
  for (let i = 0; i < threshold - 2; i++) {
    let avgX = 0;
    let avgY = 0;
    let avgRangeStart = Math.floor((i + 1) * every) + 1;
    let avgRangeEnd = Math.floor((i + 2) * every) + 1;
    avgRangeEnd = avgRangeEnd < dataLength ? avgRangeEnd : dataLength;
    const avgRangeLength = avgRangeEnd - avgRangeStart;
    for (; avgRangeStart < avgRangeEnd; avgRangeStart++) {
      avgX += data[avgRangeStart]![0];
      avgY += data[avgRangeStart]![1];
    }
    avgX /= avgRangeLength;
    avgY /= avgRangeLength;
    let rangeOffs = Math.floor(i * every) + 1;
    const rangeTo = Math.floor((i + 1) * every) + 1;
    const pointAX = data[a]![0];
    const pointAY = data[a]![1];
    let maxArea = -1;
    for (; rangeOffs < rangeTo; rangeOffs++) {
      const area = Math.abs((pointAX - avgX) * (data[rangeOffs]![1] - pointAY) - (pointAX - data[rangeOffs]![0]) * (avgY - pointAY)) * 0.5;
      if (area > maxArea) {
        maxArea = area;
        maxAreaPoint = data[rangeOffs]!;
        nextA = rangeOffs;
      }
    }
    sampled.push(maxAreaPoint);
    a = nextA;
  }
  sampled.push(data[dataLength - 1]!);
  return sampled;
}

/** A noisy decay, deterministic. */
function noisy(n: number, seed = 1): Float64Array {
  const xy = new Float64Array(2 * n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    xy[2 * i] = i;
    xy[2 * i + 1] = Math.exp(-i / (n / 4)) * (1 + 0.3 * (s / 2147483647 - 0.5));
  }
  return xy;
}

const pairs = (xy: Float64Array): [number, number][] => Array.from({ length: xy.length / 2 }, (_, i) => [xy[2 * i]!, xy[2 * i + 1]!]);

describe('LTTB', () => {
  it('matches the published reference point for point', () => {
    for (const [n, threshold] of [
      [1000, 100],
      [10_007, 333],
      [500, 3],
      [64, 63],
    ] as const) {
      const xy = noisy(n, n);
      expect(pairs(lttb(xy, threshold))).toEqual(reference(pairs(xy), threshold));
    }
  });

  it('keeps the first and last points and exactly `threshold` points, in order', () => {
    const xy = noisy(50_000);
    const idx = lttbIndices(xy, 0, 50_000, 1200);
    expect(idx).toHaveLength(1200);
    expect(idx[0]).toBe(0);
    expect(idx[1199]).toBe(49_999);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
  });

  it('keeps every point when there are no more than `threshold`', () => {
    const xy = noisy(10);
    expect([...lttbIndices(xy, 0, 10, 10)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...lttbIndices(xy, 3, 6, 100)]).toEqual([3, 4, 5]);
    expect(lttbIndices(xy, 4, 4, 100)).toHaveLength(0);
  });

  it('keeps a one-point spike that a stride would miss', () => {
    const n = 10_000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = i;
      xy[2 * i + 1] = i === 4321 ? 100 : 1;
    }
    const kept = lttb(xy, 50);
    expect(Math.max(...pairs(kept).map((p) => p[1]))).toBe(100);
  });

  it('a range [from, to) is LTTB of that slice, indexed into the whole', () => {
    const xy = noisy(20_000);
    const from = 5_000;
    const to = 7_500;
    const slice = xy.slice(2 * from, 2 * to);
    const expected = [...lttbIndices(slice, 0, to - from, 400)].map((i) => i + from);
    expect([...lttbIndices(xy, from, to, 400)]).toEqual(expected);
  });

  it('gathers the packed points at the indices', () => {
    expect([...gatherPoints(Float64Array.from([0, 10, 1, 11, 2, 12]), [0, 2])]).toEqual([0, 10, 2, 12]);
  });
});
