import { describe, it, expect } from 'vitest';
import { INNER_RADIUS, OUTER_RADIUS } from '../../../core/data/circles.js';
import { TOY_KINDS } from '../../../core/spec/schema.js';
import { bytesOf, load, row } from './helpers.js';

describe('2-D toys', () => {
  it('are 2-D, +-1 labelled, balanced, deterministic', () => {
    for (const kind of TOY_KINDS) {
      for (const n of [200, 51]) {
        const a = load({ kind, n }, 3);
        const b = load({ kind, n }, 3);
        const c = load({ kind, n }, 4);
        expect(a.d).toBe(2);
        expect(a.labels).toBe('pm1');
        expect(a.classes).toBe(2);
        expect(a.teacher).toBeNull();
        expect(a.source).toEqual({ kind: 'synthetic', generator: kind });
        expect(a.train.n).toBe(n);
        expect(a.train.x.length).toBe(2 * n);
        const pos = a.train.y.filter((y) => y === 1).length;
        const neg = a.train.y.filter((y) => y === -1).length;
        expect(pos + neg).toBe(n);
        expect(Math.abs(pos - neg)).toBeLessThanOrEqual(1);
        expect(bytesOf(a)).toEqual(bytesOf(b));
        expect(bytesOf(a)[0]).not.toEqual(bytesOf(c)[0]);
      }
    }
  });

  it('circles: two radii, inner +1, outer -1', () => {
    const ds = load({ kind: 'circles', n: 100, noise: 0 }, 1);
    for (let i = 0; i < 100; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      expect(Math.hypot(a!, b!)).toBeCloseTo(ds.train.y[i] === 1 ? INNER_RADIUS : OUTER_RADIUS, 6);
    }
  });

  it('xor: label = sign(x1 x2)', () => {
    const ds = load({ kind: 'xor', n: 100, noise: 0 }, 1);
    for (let i = 0; i < 100; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      expect(Math.sign(a! * b!)).toBe(ds.train.y[i]);
      expect(Math.max(Math.abs(a!), Math.abs(b!))).toBeLessThanOrEqual(1);
    }
  });

  it('moons: the +1 moon is the upper unit half circle, the -1 moon its shifted mirror', () => {
    const ds = load({ kind: 'moons', n: 100, noise: 0 }, 1);
    for (let i = 0; i < 100; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      if (ds.train.y[i] === 1) {
        expect(Math.hypot(a!, b!)).toBeCloseTo(1, 6);
        expect(b!).toBeGreaterThanOrEqual(0);
      } else {
        expect(Math.hypot(a! - 1, b! - 0.5)).toBeCloseTo(1, 6);
        expect(b!).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('spiral: the two arms are point reflections of each other', () => {
    const ds = load({ kind: 'spiral', n: 400, noise: 0 }, 1);
    // Radius r determines the angle on the +1 arm; the -1 arm is rotated by pi.
    for (let i = 0; i < 400; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      const r = Math.hypot(a!, b!);
      expect(r).toBeGreaterThanOrEqual(0.1 - 1e-6);
      expect(r).toBeLessThanOrEqual(1 + 1e-6);
      const t = (r - 0.1) / 0.9;
      const angle = 3 * Math.PI * t + (ds.train.y[i] === 1 ? 0 : Math.PI);
      expect(a!).toBeCloseTo(r * Math.cos(angle), 5);
      expect(b!).toBeCloseTo(r * Math.sin(angle), 5);
    }
  });

  it('noise jitters the clean geometry by about its std', () => {
    const ds = load({ kind: 'circles', n: 2000, noise: 0.1 }, 1);
    let s2 = 0;
    for (let i = 0; i < 2000; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      s2 += (Math.hypot(a!, b!) - (ds.train.y[i] === 1 ? INNER_RADIUS : OUTER_RADIUS)) ** 2;
    }
    // Radial deviation of a 2-D isotropic jitter has std close to noise.
    expect(Math.sqrt(s2 / 2000)).toBeGreaterThan(0.08);
    expect(Math.sqrt(s2 / 2000)).toBeLessThan(0.12);
  });

  it('toys accept sphere normalization and any loss taking +-1 labels', () => {
    const ds = load({ kind: 'moons', n: 20, normalize: 'sphere' }, 1, 'exponential');
    for (let i = 0; i < 20; i++) {
      const [a, b] = row(ds.train.x, 2, i);
      expect(Math.hypot(a!, b!)).toBeCloseTo(1, 6);
    }
  });
});
