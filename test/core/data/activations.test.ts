import { describe, it, expect } from 'vitest';
import { erf, erfc, normalCdf } from '../../../core/data/erf.js';
import { SCALAR_ACTIVATIONS, gelu, leakyRelu, relu, sigmoid, softplus } from '../../../core/data/scalar-activations.js';
import { ACTIVATIONS } from '../../../core/spec/schema.js';

// Reference values from Python's math.erf / math.erfc (correctly rounded libm).
const ERF: [number, number][] = [
  [0, 0],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [3, 0.9999779095030014],
  [-0.5, -0.5204998778130465],
  [-2.5, -0.999593047982555],
];
const ERFC: [number, number][] = [
  [3, 2.2090496998585438e-5],
  [6, 2.1519736712498916e-17],
  [10, 2.088487583762545e-45],
];

describe('erf', () => {
  it('matches known values to 1e-7 (in fact ~1e-15)', () => {
    for (const [x, v] of ERF) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-14);
      expect(Math.abs(erf(x) - v)).toBeLessThan(1e-7);
    }
  });

  it('erfc keeps relative accuracy in the tail', () => {
    for (const [x, v] of ERFC) expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1e-12);
    expect(erfc(-3)).toBeCloseTo(2 - 2.2090496998585438e-5, 15);
    expect(erfc(40)).toBe(0);
    expect(erf(40)).toBe(1);
    expect(erf(-40)).toBe(-1);
  });

  it('is odd and continuous across the switch between methods', () => {
    for (const x of [0.3, 1.999999, 2, 2.000001, 4.2]) expect(erf(-x)).toBe(-erf(x));
    // erf' (2) = 2/sqrt(pi) e^-4, so the values 2e-12 apart differ by ~4.1e-14; no jump beyond that.
    expect(Math.abs(erf(2 + 1e-12) - erf(2 - 1e-12) - 2e-12 * 0.02066698535409205)).toBeLessThan(3e-15);
  });

  it('normalCdf is Phi', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
  });
});

describe('scalar activations', () => {
  it('gelu is the exact x Phi(x), not the tanh approximation', () => {
    expect(gelu(0)).toBe(0);
    expect(Math.abs(gelu(1) - 0.8413447460685429)).toBeLessThan(1e-12);
    expect(Math.abs(gelu(-1) + 0.15865525393145707)).toBeLessThan(1e-12);
    // gelu(x) = x (1 + erf(x / sqrt 2)) / 2; at x = sqrt(2)/2 that is erf(0.5).
    expect(Math.abs(gelu(Math.SQRT1_2) - Math.SQRT1_2 * 0.5 * (1 + 0.5204998778130465))).toBeLessThan(1e-12);
    // The tanh approximation differs from these by ~1e-4 at x = 1.5.
    const tanhApprox = 0.5 * 1.5 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (1.5 + 0.044715 * 1.5 ** 3)));
    expect(Math.abs(gelu(1.5) - 1.5 * 0.9331927987311419)).toBeLessThan(1e-12);
    expect(Math.abs(gelu(1.5) - tanhApprox)).toBeGreaterThan(1e-5);
    expect(gelu(-40)).toBe(-0);
    expect(gelu(40)).toBe(40);
  });

  it('the others', () => {
    expect(relu(-2)).toBe(0);
    expect(relu(3)).toBe(3);
    expect(leakyRelu(-2)).toBeCloseTo(-0.02, 15);
    expect(leakyRelu(2)).toBe(2);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(-30)).toBeCloseTo(Math.exp(-30), 25);
    expect(SCALAR_ACTIVATIONS.tanh(0.5)).toBe(Math.tanh(0.5));
    expect(SCALAR_ACTIVATIONS.identity(-3.5)).toBe(-3.5);
    expect(Object.keys(SCALAR_ACTIVATIONS).sort()).toEqual([...ACTIVATIONS].sort());
  });
});
