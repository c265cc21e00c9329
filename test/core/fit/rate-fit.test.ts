import { describe, expect, it } from 'vitest';
import { fitRate, flatTailStart } from '../../../core/fit/rate-fit.js';

/** Deterministic uniform [0, 1) stream (LCG), so noisy curves are reproducible. */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function gaussian(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Records at steps 0, every, 2 every, ... up to last. */
function curve(last: number, every: number, f: (k: number) => number): { steps: number[]; losses: number[] } {
  const steps: number[] = [];
  const losses: number[] = [];
  for (let k = 0; k <= last; k += every) {
    steps.push(k);
    losses.push(f(k));
  }
  return { steps, losses };
}

function relErr(got: number | null, want: number): number {
  if (got === null) return Infinity;
  return Math.abs(got - want) / Math.abs(want);
}

describe('fitRate: geometric curves are linear', () => {
  const cases: [rho: number, last: number, every: number][] = [
    [0.5, 40, 1],
    [0.9, 200, 1],
    [0.97, 600, 5],
    [0.999, 3000, 10],
    [0.99999, 100000, 1000],
  ];
  for (const [rho, last, every] of cases) {
    it(`recovers rho=${rho} (every ${every})`, () => {
      const { steps, losses } = curve(last, every, (k) => 3.7 * rho ** k);
      const fit = fitRate(steps, losses);
      expect(fit.kind).toBe('linear');
      expect(relErr(fit.rho, rho)).toBeLessThan(1e-6);
      expect(fit.exponent).toBeNull();
      expect(fit.r2).toBeGreaterThan(0.999999);
    });
  }
});

describe('fitRate: power laws are sublinear', () => {
  const cases: [p: number, last: number, every: number][] = [
    [0.5, 10000, 10],
    [1, 1000, 10],
    [1.5, 5000, 1],
    [2, 1000, 1],
    [3, 20000, 100],
  ];
  for (const [p, last, every] of cases) {
    it(`recovers p=${p} (every ${every}, step 0 included)`, () => {
      // Step 0 has no k^-p; give it any finite value: the sublinear fit uses step >= 1 only.
      const { steps, losses } = curve(last, every, (k) => (k === 0 ? 5 : 2.5 * k ** -p));
      const fit = fitRate(steps, losses);
      expect(fit.kind).toBe('sublinear');
      expect(relErr(fit.exponent, p)).toBeLessThan(1e-6);
      expect(fit.rho).toBeNull();
      expect(fit.r2).toBeGreaterThan(0.999999);
    });
  }
});

describe('fitRate: mixed curves', () => {
  it('a geometric phase that lasts the whole horizon is linear (the power term only shows at the very end)', () => {
    // 0.99^2000 ~ 1.9e-9 against 1e-6/2000 = 5e-10: the tail is bent a little, rho barely moves.
    const { steps, losses } = curve(2000, 10, (k) => 0.99 ** k + 1e-6 / Math.max(k, 1));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.99)).toBeLessThan(1e-4);
  });

  it('a power law with a fast geometric transient at the start is sublinear', () => {
    // 0.5^k is gone after ~10 of 1000 steps; k^-1 dominates the rest.
    const { steps, losses } = curve(1000, 1, (k) => 0.5 ** k + 1 / Math.max(k, 1));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('sublinear');
    expect(relErr(fit.exponent, 1)).toBeLessThan(0.02);
  });

  it('a geometric drop of 4 decades then a long power-law tail fits neither clearly: undetermined', () => {
    // Neither model describes both phases; R^2 of the better one is reported.
    const { steps, losses } = curve(10000, 10, (k) => 0.9 ** k + 1e-3 / Math.max(k, 1));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('undetermined');
    expect(fit.rho).toBeNull();
    expect(fit.exponent).toBeNull();
    expect(fit.r2).not.toBeNull();
    expect(fit.r2!).toBeLessThan(0.9);
  });
});

describe('fitRate: oscillation', () => {
  it('a geometric envelope with heavy-ball-like oscillation (factor 0.2..2.2) is linear', () => {
    const { steps, losses } = curve(1500, 10, (k) => 0.98 ** k * (1.2 + Math.cos(0.7 * k)));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.98)).toBeLessThan(1e-3);
  });
});

describe('fitRate: floors and plateaus', () => {
  it('a geometric curve clipped by a noisy floor at 1e-12 is linear with the exact rho', () => {
    const g = gaussian(1);
    const { steps, losses } = curve(3000, 1, (k) => Math.max(0.97 ** k, 1e-12 * Math.exp(0.5 * g())));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.97)).toBeLessThan(1e-6);
  });

  it('a geometric curve plus float32-like noise at 1e-12 (the floor added, spikes up to ~20x) is linear', () => {
    const g = gaussian(2);
    const { steps, losses } = curve(3000, 10, (k) => 0.97 ** k + 1e-12 * Math.exp(g()));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    // The floor bends the last kept decade a little (the band is 10x the floor).
    expect(relErr(fit.rho, 0.97)).toBeLessThan(1e-4);
  });

  it('a floor with exact zeros and negative noise (both skipped) is still dropped', () => {
    const u = uniform(3);
    const { steps, losses } = curve(1500, 1, (k) => (k < 800 ? 0.96 ** k : 1e-13 * (u() - 0.3)));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.96)).toBeLessThan(1e-6);
  });

  it('a geometric drop onto a plateau (loss = 1e-4 + 0.95^k) is linear', () => {
    const { steps, losses } = curve(2000, 10, (k) => 1e-4 + 0.95 ** k);
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.95)).toBeLessThan(1e-3);
  });

  it('a power law onto a floor is sublinear', () => {
    const u = uniform(4);
    const { steps, losses } = curve(10000, 10, (k) => Math.max(k, 1) ** -2 + 1e-6 * (0.5 + u()));
    const fit = fitRate(steps, losses);
    expect(fit.kind).toBe('sublinear');
    expect(relErr(fit.exponent, 2)).toBeLessThan(0.03);
  });

  it('never cuts the end of a genuine rate', () => {
    const geo = curve(3000, 10, (k) => 0.99 ** k);
    expect(flatTailStart(geo.steps.map((step, i) => ({ step, logLoss: Math.log(geo.losses[i]!) })))).toBe(geo.steps.length);
    const pow = curve(100000, 100, (k) => Math.max(k, 1) ** -1);
    expect(flatTailStart(pow.steps.map((step, i) => ({ step, logLoss: Math.log(pow.losses[i]!) })))).toBe(pow.steps.length);
  });
});

describe('fitRate: no rate', () => {
  it('pure noise is undetermined with a low R^2', () => {
    const g = gaussian(5);
    const { steps, losses } = curve(1000, 10, () => Math.exp(g()));
    const fit = fitRate(steps, losses);
    expect(fit).toMatchObject({ kind: 'undetermined', rho: null, exponent: null });
    expect(fit.r2!).toBeLessThan(0.5);
  });

  it('a flat curve is undetermined with R^2 0', () => {
    const { steps, losses } = curve(1000, 10, () => 0.3);
    expect(fitRate(steps, losses)).toEqual({ kind: 'undetermined', rho: null, exponent: null, r2: 0 });
  });

  it('a growing loss is not a rate, however well it fits', () => {
    const { steps, losses } = curve(100, 1, (k) => 1.05 ** k);
    expect(fitRate(steps, losses).kind).toBe('undetermined');
  });

  it('fewer than 4 usable points: undetermined with r2 null', () => {
    expect(fitRate([0, 1, 2], [1, 0.5, 0.25])).toEqual({ kind: 'undetermined', rho: null, exponent: null, r2: null });
    expect(fitRate([], [])).toEqual({ kind: 'undetermined', rho: null, exponent: null, r2: null });
    // Five records, but only three usable losses.
    expect(fitRate([0, 1, 2, 3, 4], [1, 0, 0.25, -1, 0.0625]).r2).toBeNull();
  });

  it('rejects mismatched arrays', () => {
    expect(() => fitRate([0, 1], [1])).toThrow(/2 steps but 1 losses/);
  });
});

describe('fitRate: target and divergence', () => {
  it('stops at the first loss <= targetLoss (inclusive): what comes after does not count', () => {
    // Geometric down to 1e-6, then the loss rises again.
    const { steps, losses } = curve(600, 1, (k) => (k <= 200 ? 0.933 ** k : 1e-3));
    const target = 0.933 ** 150;
    const fit = fitRate(steps, losses, { targetLoss: target });
    expect(fit.kind).toBe('linear');
    expect(relErr(fit.rho, 0.933)).toBeLessThan(1e-6);
    // Without the target the rise spoils the fit.
    expect(fitRate(steps, losses).kind).not.toBe('linear');
  });

  it('a target reached at once leaves too few points', () => {
    const { steps, losses } = curve(100, 1, (k) => 0.9 ** k);
    expect(fitRate(steps, losses, { targetLoss: 0.8 }).r2).toBeNull();
  });

  it('stops at the first NaN or Infinity: a diverged tail is not a rate', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const { steps, losses } = curve(300, 1, (k) => (k < 200 ? 0.95 ** k : k === 200 ? bad : 1e30 * 2 ** k));
      const fit = fitRate(steps, losses);
      expect(fit.kind).toBe('linear');
      expect(relErr(fit.rho, 0.95)).toBeLessThan(1e-6);
    }
  });
});
