/**
 * The layer-by-layer NTK Gram (core/ntk/gram.ts) against J J^T, where J is the
 * per-sample Jacobian of f over the trainable parameters computed
 * independently: float64 central differences of the plain-loop reference
 * forward (test/helpers/reference-mlp.ts), one parameter at a time.
 *
 * Tolerance: the differences use h = 1e-6 in float64, so their error is
 * ~1e-10 (h^2 truncation plus 1e-16/h rounding). The Gram under test is
 * float32: weights and inputs are rounded to float32 first (so both sides see
 * the same network), then each entry is a sum of at most ~40 products formed
 * through <= 3 layers, a relative rounding error of at most ~40 x 6e-8 = 2.4e-6
 * of the largest entry. We allow 1e-4 x max|H| (40x headroom); a missing c_l,
 * a missing bias term or a frozen layer counted changes entries by O(1).
 *
 * The arc-cosine limit: for f(x) = (1/sqrt m) sum_r a_r relu(w_r.x / sqrt d),
 * a_r = +-1 fixed, w_r ~ N(0, I_d) trained, |x_i| = 1, the Gram is
 *   H_ij = (1/d) (1/m) sum_r (x_i.x_j) 1{w_r.x_i > 0} 1{w_r.x_j > 0}
 * and as m -> infinity it tends to (1/d) H^inf_ij with
 *   H^inf_ij = (x_i.x_j) (pi - arccos(x_i.x_j)) / (2 pi)
 * (Du, Zhai, Poczos & Singh 2019, ICLR, Sec. 3, the Gram H^infty; the factor
 * (pi - arccos u) / (2 pi) is the degree-0 arc-cosine kernel of Cho & Saul
 * 2009 halved). The 1/d is the NTK parameterization's c_0 = 1/sqrt(d) on the
 * first layer, which Du et al. do not have. Each entry averages m Bernoulli
 * terms, so its error is O(1/sqrt m): at most 0.5/sqrt(m) standard deviation
 * (d H scale), 0.004 at m = 2^14.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { architecture, paramSlots, type Architecture } from '../../../core/nn/architecture.js';
import { ntkGram } from '../../../core/ntk/gram.js';
import { ACTIVATIONS, modelSchema, type ModelSpec } from '../../../core/spec/schema.js';
import { Rng } from '../../../core/random/rng.js';
import { refForward, type RefNet } from '../../helpers/reference-mlp.js';

beforeAll(async () => {
  await initEngine();
});

type Act = (typeof ACTIVATIONS)[number];

interface Case {
  hidden: number[];
  activation: Act;
  ntk: boolean;
  bias: boolean;
  trainable: ModelSpec['trainable'];
}

const n = 5;
const d = 3;

function refNet(arch: Architecture, values: Float64Array[]): RefNet {
  const L = arch.sizes.length - 1;
  const stride = arch.bias ? 2 : 1;
  return {
    sizes: arch.sizes,
    act: arch.activation,
    bias: arch.bias,
    ntk: arch.parameterization === 'ntk',
    w: Array.from({ length: L }, (_, l) => values[l * stride]!),
    b: Array.from({ length: L }, (_, l) => (arch.bias ? values[l * stride + 1]! : new Float64Array(0))),
  };
}

/** J J^T with J (n x trainable parameters) from float64 central differences. */
function referenceGram(arch: Architecture, values: Float64Array[], x: Float64Array): Float64Array {
  const slots = paramSlots(arch);
  const h = 1e-6;
  const columns: Float64Array[] = [];
  slots.forEach((slot, s) => {
    if (!arch.trainable[slot.layer]) return;
    for (let k = 0; k < values[s]!.length; k++) {
      const plus = values.map((v) => v.slice());
      const minus = values.map((v) => v.slice());
      plus[s]![k]! += h;
      minus[s]![k]! -= h;
      const fp = refForward(refNet(arch, plus), x, n);
      const fm = refForward(refNet(arch, minus), x, n);
      columns.push(Float64Array.from({ length: n }, (_, i) => (fp[i]! - fm[i]!) / (2 * h)));
    }
  });
  const gram = new Float64Array(n * n);
  for (const col of columns) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) gram[i * n + j]! += col[i]! * col[j]!;
  return gram;
}

function gramUnderTest(arch: Architecture, values: Float64Array[], x: Float64Array): Float64Array {
  const slots = paramSlots(arch);
  const params = values.map((v, i) => tf.tensor(Float32Array.from(v), slots[i]!.shape));
  const xt = tf.tensor2d(Float32Array.from(x), [n, d]);
  try {
    return ntkGram(arch, params, xt);
  } finally {
    tf.dispose([...params, xt]);
  }
}

function check(c: Case, seed: number): void {
  const model = modelSchema.parse({ hidden: c.hidden, activation: c.activation, bias: c.bias, parameterization: c.ntk ? 'ntk' : 'standard', trainable: c.trainable });
  const arch = architecture(model, d, 1);
  const rng = new Rng(seed);
  // float32-representable values, so that both sides see the same network.
  const values = paramSlots(arch).map((s) => Float64Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => Math.fround(rng.normal() * 0.8)));
  const x = Float64Array.from({ length: n * d }, () => Math.fround(rng.normal()));
  const expected = referenceGram(arch, values, x);
  const got = gramUnderTest(arch, values, x);
  const scale = Math.max(...expected.map(Math.abs));
  expect(scale).toBeGreaterThan(1e-3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      expect(got[i * n + j]).toBe(got[j * n + i]);
      expect(Math.abs(got[i * n + j]! - expected[i * n + j]!)).toBeLessThan(1e-4 * scale);
    }
  }
}

const cases: Case[] = [];
for (const hidden of [[], [4], [4, 3]]) {
  for (const ntk of [false, true]) for (const bias of [false, true]) cases.push({ hidden, activation: 'tanh', ntk, bias, trainable: 'all' });
}
ACTIVATIONS.forEach((activation, k) => cases.push({ hidden: [4, 3], activation, ntk: k % 2 === 0, bias: true, trainable: 'all' }));
for (const trainable of ['hidden', 'output', [1], [0, 2], [2]] as ModelSpec['trainable'][]) {
  for (const ntk of [false, true]) cases.push({ hidden: [4, 3], activation: 'softplus', ntk, bias: !ntk, trainable });
}
cases.push({ hidden: [4], activation: 'relu', ntk: true, bias: false, trainable: [0] });

describe('NTK Gram vs the Gram of per-sample Jacobians (float64 finite differences)', () => {
  it.each(cases.map((c) => [`hidden=${JSON.stringify(c.hidden)} ${c.activation} ntk=${c.ntk} bias=${c.bias} trainable=${JSON.stringify(c.trainable)}`, c] as const))(
    '%s',
    (_label, c) => check(c, 3 + cases.indexOf(c)),
  );

  it('is zero when nothing trains, and rejects multi-output networks', () => {
    const frozen: Architecture = { sizes: [d, 4, 1], activation: 'relu', bias: false, parameterization: 'standard', trainable: [false, false] };
    const values = paramSlots(frozen).map((s) => new Float64Array(s.shape.reduce((a, b) => a * b, 1)).fill(0.5));
    expect(Array.from(gramUnderTest(frozen, values, new Float64Array(n * d).fill(1)))).toEqual(new Array(n * n).fill(0));
    const multi: Architecture = { ...frozen, sizes: [d, 4, 2], trainable: [true, true] };
    const mv = paramSlots(multi).map((s) => new Float64Array(s.shape.reduce((a, b) => a * b, 1)));
    expect(() => gramUnderTest(multi, mv, new Float64Array(n * d))).toThrow(/scalar-output/);
  });
});

describe('two-layer ReLU NTK -> arc-cosine kernel (Du et al. 2019, H^infty)', () => {
  const points = 16;
  const dim = 5;
  const rng = new Rng(2019);
  const x = new Float64Array(points * dim);
  for (let i = 0; i < points; i++) {
    const row = Array.from({ length: dim }, () => rng.normal());
    const norm = Math.hypot(...row);
    row.forEach((v, k) => (x[i * dim + k] = Math.fround(v / norm)));
  }
  const limit = new Float64Array(points * points);
  for (let i = 0; i < points; i++) {
    for (let j = 0; j < points; j++) {
      let u = 0;
      for (let k = 0; k < dim; k++) u += x[i * dim + k]! * x[j * dim + k]!;
      u = Math.max(-1, Math.min(1, u));
      limit[i * points + j] = (u * (Math.PI - Math.acos(u))) / (2 * Math.PI);
    }
  }

  /** max_ij |d H_ij - H^inf_ij| at width m. */
  function maxError(m: number, seed: number): number {
    const arch: Architecture = { sizes: [dim, m, 1], activation: 'relu', bias: false, parameterization: 'ntk', trainable: [true, false] };
    const r = new Rng(seed);
    const w0 = Float32Array.from({ length: dim * m }, () => r.normal());
    const a = Float32Array.from({ length: m }, () => r.sign());
    const params = [tf.tensor2d(w0, [dim, m]), tf.tensor2d(a, [m, 1])];
    const xt = tf.tensor2d(Float32Array.from(x), [points, dim]);
    try {
      const h = ntkGram(arch, params, xt);
      return Math.max(...h.map((v, k) => Math.abs(dim * v - limit[k]!)));
    } finally {
      tf.dispose([...params, xt]);
    }
  }

  it('max abs error shrinks like 1/sqrt(width) and is small at width 2^14', () => {
    const errors = [2 ** 8, 2 ** 11, 2 ** 14].map((m) => maxError(m, 7));
    // 64x the width: the O(1/sqrt m) error should drop ~8x; ask for 3x.
    expect(errors[2]!).toBeLessThan(errors[0]! / 3);
    expect(errors[1]!).toBeLessThan(errors[0]!);
    // 5 standard deviations of the worst case 0.5/sqrt(m) at m = 2^14.
    expect(errors[2]!).toBeLessThan(0.02);
  });
});
