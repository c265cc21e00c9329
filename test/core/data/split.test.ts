import { describe, it, expect } from 'vitest';
import { splitData } from '../../../core/data/split.js';
import { load } from './helpers.js';

function rowsOf(x: Float32Array, y: Float32Array, d: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < y.length; i++) out.push([...x.subarray(i * d, (i + 1) * d), y[i]].join(','));
  return out;
}

describe('train/test split', () => {
  it('a fraction holds out round(test * n) points, a count holds out that many', () => {
    expect(load({ kind: 'gaussian', n: 10, d: 2, test: 0.25 }).test.n).toBe(3); // round(2.5) = 3
    expect(load({ kind: 'gaussian', n: 10, d: 2, test: 0.2 }).test.n).toBe(2);
    expect(load({ kind: 'gaussian', n: 10, d: 2, test: 4 }).test.n).toBe(4);
    expect(load({ kind: 'gaussian', n: 10, d: 2, test: 1 }).test.n).toBe(1);
    const none = load({ kind: 'gaussian', n: 10, d: 2 });
    expect(none.test.n).toBe(0);
    expect(none.test.x.length).toBe(0);
    expect(none.train.n).toBe(10);
  });

  it('train and test are disjoint and together are all the points', () => {
    const all = load({ kind: 'gaussian', n: 50, d: 3 }, 12);
    const split = load({ kind: 'gaussian', n: 50, d: 3, test: 0.3 }, 12);
    expect(split.train.n + split.test.n).toBe(50);
    const train = rowsOf(split.train.x, split.train.y, 3);
    const test = rowsOf(split.test.x, split.test.y, 3);
    const trainSet = new Set(train);
    expect(test.some((r) => trainSet.has(r))).toBe(false);
    expect([...train, ...test].sort()).toEqual(rowsOf(all.train.x, all.train.y, 3).sort());
  });

  it('the held-out rows depend on the seed, are reproducible, and keep the original order', () => {
    const data = { x: Float64Array.from({ length: 40 }, (_, i) => i), y: Float64Array.from({ length: 20 }, (_, i) => i), n: 20, d: 2 };
    const a = splitData(data, 5, 1);
    const b = splitData(data, 5, 1);
    const c = splitData(data, 5, 2);
    expect(a.testRows).toEqual(b.testRows);
    expect(a.testRows).not.toEqual(c.testRows);
    expect([...a.trainRows, ...a.testRows].sort((p, q) => p - q)).toEqual([...Array(20).keys()]);
    expect([...a.trainRows]).toEqual([...a.trainRows].sort((p, q) => p - q));
    expect(Array.from(a.test.y)).toEqual(Array.from(a.testRows));
    expect(Array.from(a.test.x.subarray(0, 2))).toEqual([2 * a.testRows[0]!, 2 * a.testRows[0]! + 1]);
  });

  it('a split that leaves no training points is a SpecError at data.test', () => {
    expect(() => load({ kind: 'gaussian', n: 10, d: 2, test: 10 })).toThrow(/data\.test: leaves no training points/);
    expect(() => load({ kind: 'gaussian', n: 2, d: 2, test: 0.9 })).toThrow(/data\.test/);
    expect(() => load({ kind: 'gaussian', n: 10, d: 2, test: 2.5 })).toThrow(/data\.test: .*whole number/);
  });
});
