import { describe, expect, it } from 'vitest';
import { seedBand } from '../../../renderer/src/analysis/band.js';

describe('seedBand (mean ± std across seeds)', () => {
  it('computes the sample mean and standard deviation per step', () => {
    const band = seedBand([
      { steps: [0, 10], values: [1, 4] },
      { steps: [0, 10], values: [3, 6] },
      { steps: [0, 10], values: [5, 8] },
    ]);
    expect([...band.steps]).toEqual([0, 10]);
    expect([...band.mean]).toEqual([3, 6]);
    // values 1,3,5: sample variance ((-2)^2 + 0 + 2^2) / 2 = 4, sd 2.
    expect(band.lower[0]).toBeCloseTo(1, 12);
    expect(band.upper[0]).toBeCloseTo(5, 12);
    expect([...band.count]).toEqual([3, 3]);
  });

  it('stops where a replicate stops, unless fewer runs are allowed', () => {
    const runs = [
      { steps: [0, 10, 20], values: [2, 2, 2] },
      { steps: [0, 10], values: [4, 4] },
    ];
    expect([...seedBand(runs).steps]).toEqual([0, 10]);
    const loose = seedBand(runs, 'linear', 1);
    expect([...loose.steps]).toEqual([0, 10, 20]);
    expect([...loose.count]).toEqual([2, 2, 1]);
    expect(loose.mean[2]).toBe(2);
    expect(loose.lower[2]).toBe(2); // one run: no spread
  });

  it('on a log axis works on log10 values, so the band stays positive', () => {
    const band = seedBand(
      [
        { steps: [0], values: [1e-2] },
        { steps: [0], values: [1e-4] },
      ],
      'log',
    );
    expect(band.mean[0]).toBeCloseTo(1e-3, 15); // geometric mean
    const sd = Math.SQRT2; // log10 values -2, -4: sample sd sqrt(2)
    expect(band.lower[0]).toBeCloseTo(10 ** (-3 - sd), 15);
    expect(band.upper[0]).toBeCloseTo(10 ** (-3 + sd), 12);
    expect(band.lower[0]).toBeGreaterThan(0);
  });

  it('ignores NaN and non-positive values on a log axis', () => {
    const band = seedBand([{ steps: [0, 1], values: [Number.NaN, 0] }, { steps: [0, 1], values: [1, 10] }], 'log', 1);
    expect([...band.count]).toEqual([1, 1]);
  });
});
