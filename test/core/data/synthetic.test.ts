import { describe, it, expect } from 'vitest';
import { normalizeRows } from '../../../core/data/normalize.js';
import { SpecError } from '../../../core/spec/problems.js';
import { bytesOf, dot, load, row } from './helpers.js';

describe('synthetic inputs', () => {
  it('is deterministic: same seed same bytes, different seed different', () => {
    for (const kind of ['gaussian', 'sphere', 'orthonormal'] as const) {
      const a = load({ kind, n: 8, d: 10, test: 2 }, 7);
      const b = load({ kind, n: 8, d: 10, test: 2 }, 7);
      const c = load({ kind, n: 8, d: 10, test: 2 }, 8);
      expect(bytesOf(a)).toEqual(bytesOf(b));
      expect(a.teacher).toEqual(b.teacher);
      expect(bytesOf(a)[0]).not.toEqual(bytesOf(c)[0]);
    }
  });

  it('has the right shapes and provenance', () => {
    const ds = load({ kind: 'gaussian', n: 20, d: 5, test: 0.25 });
    expect(ds.d).toBe(5);
    expect(ds.train.n).toBe(15);
    expect(ds.test.n).toBe(5);
    expect(ds.train.x).toBeInstanceOf(Float32Array);
    expect(ds.train.x.length).toBe(15 * 5);
    expect(ds.train.y.length).toBe(15);
    expect(ds.test.x.length).toBe(5 * 5);
    expect(ds.source).toEqual({ kind: 'synthetic', generator: 'gaussian' });
    expect(ds.labels).toBe('real');
    expect(ds.classes).toBe(0);
  });

  it('gaussian inputs have roughly zero mean and unit variance', () => {
    const ds = load({ kind: 'gaussian', n: 2000, d: 5 }, 3);
    let s = 0;
    let s2 = 0;
    for (const v of ds.train.x) {
      s += v;
      s2 += v * v;
    }
    const m = ds.train.x.length;
    expect(Math.abs(s / m)).toBeLessThan(0.03);
    expect(Math.abs(s2 / m - 1)).toBeLessThan(0.05);
  });

  it('sphere inputs have norm 1', () => {
    const ds = load({ kind: 'sphere', n: 50, d: 7 }, 1);
    for (let i = 0; i < 50; i++) expect(Math.sqrt(dot(row(ds.train.x, 7, i), row(ds.train.x, 7, i)))).toBeCloseTo(1, 6);
  });

  it('orthonormal inputs have Gram matrix I to 1e-6', () => {
    for (const [n, d] of [
      [10, 10],
      [5, 40],
      [1, 1],
    ] as const) {
      const ds = load({ kind: 'orthonormal', n, d }, 11);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const g = dot(row(ds.train.x, d, i), row(ds.train.x, d, j));
          expect(Math.abs(g - (i === j ? 1 : 0))).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('orthonormal with n > d is a SpecError at data.n', () => {
    expect(() => load({ kind: 'orthonormal', n: 5, d: 3 })).toThrow(SpecError);
    expect(() => load({ kind: 'orthonormal', n: 5, d: 3 })).toThrow(/data\.n: .*n <= d/);
  });

  it('sphere normalization scales rows to norm 1 and leaves a zero row zero', () => {
    const points = { x: Float64Array.from([3, 4, 0, 0, -1, 0]), n: 3, d: 2 };
    normalizeRows(points);
    expect(Array.from(points.x)).toEqual([0.6, 0.8, 0, 0, -1, 0]);
    const ds = load({ kind: 'gaussian', n: 30, d: 4, normalize: 'sphere' }, 2);
    for (let i = 0; i < 30; i++) expect(dot(row(ds.train.x, 4, i), row(ds.train.x, 4, i))).toBeCloseTo(1, 6);
  });
});

describe('targets', () => {
  it('linear: y = w*.x exactly with noise 0 and |w*| = 1', () => {
    for (const normalize of ['none', 'sphere'] as const) {
      const ds = load({ kind: 'gaussian', n: 40, d: 6, normalize, target: { kind: 'linear' } }, 5);
      const w = ds.teacher!;
      expect(w).toBeInstanceOf(Float64Array);
      expect(w.length).toBe(6);
      expect(Math.sqrt(dot(w, w))).toBeCloseTo(1, 12);
      for (let i = 0; i < 40; i++) {
        // float32 storage: agree to float32 rounding.
        expect(Math.abs(ds.train.y[i]! - dot(w, row(ds.train.x, 6, i)))).toBeLessThan(1e-5);
      }
    }
  });

  it('linear: noise adds residuals of about the given size', () => {
    const ds = load({ kind: 'gaussian', n: 2000, d: 3, target: { kind: 'linear', noise: 0.5 } }, 5);
    let s2 = 0;
    for (let i = 0; i < 2000; i++) s2 += (ds.train.y[i]! - dot(ds.teacher!, row(ds.train.x, 3, i))) ** 2;
    expect(Math.sqrt(s2 / 2000)).toBeGreaterThan(0.45);
    expect(Math.sqrt(s2 / 2000)).toBeLessThan(0.55);
  });

  it('linear: a given w is used as given and reported as the teacher', () => {
    const ds = load({ kind: 'gaussian', n: 10, d: 3, target: { kind: 'linear', w: [2, 0, -1] } });
    expect(Array.from(ds.teacher!)).toEqual([2, 0, -1]);
    for (let i = 0; i < 10; i++) {
      const x = row(ds.train.x, 3, i);
      expect(ds.train.y[i]).toBeCloseTo(2 * x[0]! - x[2]!, 5);
    }
    expect(() => load({ kind: 'gaussian', n: 10, d: 3, target: { kind: 'linear', w: [1, 2] } })).toThrow(/data\.target\.w/);
  });

  it('linear-sign: labels are sign(w*.x), +-1, with w* reported', () => {
    const ds = load({ kind: 'sphere', n: 100, d: 4, target: { kind: 'linear-sign' } }, 9);
    expect(ds.labels).toBe('pm1');
    expect(ds.classes).toBe(2);
    const w = ds.teacher!;
    expect(Math.sqrt(dot(w, w))).toBeCloseTo(1, 12);
    let pos = 0;
    for (let i = 0; i < 100; i++) {
      const y = ds.train.y[i]!;
      expect(y === 1 || y === -1).toBe(true);
      expect(y).toBe(dot(w, row(ds.train.x, 4, i)) >= 0 ? 1 : -1);
      if (y === 1) pos++;
    }
    expect(pos).toBeGreaterThan(20);
    expect(pos).toBeLessThan(80);
  });

  it('linear-sign: sign(0) = +1', () => {
    const ds = load({ kind: 'gaussian', n: 10, d: 2, target: { kind: 'linear-sign', w: [0, 0] } });
    expect(Array.from(ds.train.y)).toEqual(new Array(10).fill(1));
  });

  it('teacher: reproducible, seed dependent, no linear teacher reported', () => {
    const t = { kind: 'teacher' as const, hidden: [8, 4], activation: 'gelu' as const, noise: 0 };
    const a = load({ kind: 'gaussian', n: 30, d: 5, target: t }, 4);
    const b = load({ kind: 'gaussian', n: 30, d: 5, target: t }, 4);
    const c = load({ kind: 'gaussian', n: 30, d: 5, target: t }, 6);
    expect(bytesOf(a)).toEqual(bytesOf(b));
    expect(a.train.y).not.toEqual(c.train.y);
    expect(a.teacher).toBeNull();
    expect(a.labels).toBe('real');
    // Weights N(0, 1/fan_in) keep outputs O(1), not vanishing or exploding.
    const rms = Math.sqrt(dot(a.train.y, a.train.y) / 30);
    expect(rms).toBeGreaterThan(0.05);
    expect(rms).toBeLessThan(5);
  });

  it('teacher: every activation gives finite, non-constant labels', () => {
    for (const activation of ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'softplus', 'gelu', 'identity'] as const) {
      const ds = load({ kind: 'gaussian', n: 20, d: 3, target: { kind: 'teacher', hidden: [16], activation } }, 1);
      expect(ds.train.y.every(Number.isFinite)).toBe(true);
      expect(new Set(ds.train.y).size).toBeGreaterThan(1);
    }
  });

  it('teacher with identity activation is a linear function of x', () => {
    const ds = load({ kind: 'gaussian', n: 10, d: 2, target: { kind: 'teacher', hidden: [5], activation: 'identity' } }, 2);
    // f(a x1 + b x2) = a f(x1) + b f(x2) for a linear map: check on the basis implied by the first two points.
    const x = ds.train.x;
    const det = x[0]! * x[3]! - x[1]! * x[2]!;
    const u = [(x[3]! * ds.train.y[0]! - x[1]! * ds.train.y[1]!) / det, (-x[2]! * ds.train.y[0]! + x[0]! * ds.train.y[1]!) / det];
    for (let i = 2; i < 10; i++) expect(ds.train.y[i]).toBeCloseTo(dot(u, row(x, 2, i)), 4);
  });

  it('random: N(0, 1) labels, seeded', () => {
    const a = load({ kind: 'gaussian', n: 3000, d: 2, target: { kind: 'random' } }, 1);
    const b = load({ kind: 'gaussian', n: 3000, d: 2, target: { kind: 'random' } }, 1);
    expect(a.train.y).toEqual(b.train.y);
    expect(a.teacher).toBeNull();
    const m = a.train.y.reduce((s, v) => s + v, 0) / 3000;
    const v = a.train.y.reduce((s, y) => s + (y - m) ** 2, 0) / 3000;
    expect(Math.abs(m)).toBeLessThan(0.06);
    expect(Math.abs(v - 1)).toBeLessThan(0.08);
  });

  it('the inputs do not depend on the target or the split', () => {
    const a = load({ kind: 'gaussian', n: 10, d: 3, target: { kind: 'random' } }, 3);
    const b = load({ kind: 'gaussian', n: 10, d: 3, target: { kind: 'linear' } }, 3);
    expect(a.train.x).toEqual(b.train.x);
  });

  it('real labels with a +-1 loss are a SpecError at loss.kind', () => {
    expect(() => load({ kind: 'gaussian', n: 10, d: 3 }, 0, 'logistic')).toThrow(/loss\.kind: logistic loss needs labels in \{-1, \+1\}/);
    expect(() => load({ kind: 'gaussian', n: 10, d: 3 }, 0, 'cross-entropy')).toThrow(/loss\.kind: cross-entropy/);
    const ds = load({ kind: 'gaussian', n: 10, d: 3, target: { kind: 'linear-sign' } }, 0, 'cross-entropy');
    expect(ds.labels).toBe('pm1');
    expect(ds.train.y.every((y) => y === 1 || y === -1)).toBe(true);
  });
});
