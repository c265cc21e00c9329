import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../renderer/src/analysis/smoothing.js';

describe('emaSmooth (debiased EMA by a time constant in steps)', () => {
  it('matches a hand computation of TensorBoard’s debiased EMA', () => {
    // tau = 10 and spacing 10: w = e^-1. TensorBoard: out_k = sum w^(k-i) v_i / sum w^(k-i).
    const w = Math.exp(-1);
    const out = emaSmooth([0, 10, 20], [1, 2, 4], 10);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo((w * 1 + 2) / (1 + w), 12);
    expect(out[2]).toBeCloseTo((w * w * 1 + w * 2 + 4) / (1 + w + w * w), 12);
    expect(out[2]).toBeCloseTo(3.240448, 5);
  });

  it('depends on steps, not on the number of points', () => {
    // The same curve recorded every step and every 5 steps smooths to the same values at shared steps.
    const f = (s: number): number => Math.sin(s / 20) + s / 100;
    const dense = Array.from({ length: 501 }, (_, i) => i);
    const sparse = dense.filter((s) => s % 5 === 0);
    const a = emaSmooth(dense, dense.map(f), 50);
    const b = emaSmooth(sparse, sparse.map(f), 50);
    for (const s of [200, 350, 500]) expect(b[s / 5]!).toBeCloseTo(a[s]!, 1);
  });

  it('is the identity with tau = 0 and keeps a constant constant', () => {
    expect([...emaSmooth([0, 1, 2], [3, 1, 2], 0)]).toEqual([3, 1, 2]);
    for (const v of emaSmooth([0, 3, 9, 10], [5, 5, 5, 5], 4)) expect(v).toBeCloseTo(5, 12);
  });

  it('averages log10 values on a log axis (a geometric mean) and passes non-finite values through', () => {
    const w = Math.exp(-1);
    const out = emaSmooth([0, 1, 2, 3], [1e-2, 1e-4, Number.NaN, 1e-6], 1, 'log');
    expect(Math.log10(out[1]!)).toBeCloseTo((w * -2 + -4) / (1 + w), 12);
    expect(out[2]).toBeNaN();
    // The NaN row is skipped: the next point is 2 steps after the last finite one.
    const w2 = Math.exp(-2);
    const a = 1 - w; // the first point's weight (spacing 1)
    const m1 = a * (w * -2 + -4);
    const z1 = a * (1 + w);
    expect(Math.log10(out[3]!)).toBeCloseTo((w2 * m1 + (1 - w2) * -6) / (w2 * z1 + (1 - w2)), 12);
  });
});
