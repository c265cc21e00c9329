/**
 * The hand-written backward pass against central finite differences of an
 * independent float64 reference (test/helpers/reference-mlp.ts), for every
 * activation, both parameterizations, every loss, with and without bias.
 *
 * Tolerance: the finite differences are taken in float64 with h = 1e-6, so
 * their own error (h^2 truncation, 1e-16/h rounding) is ~1e-10. The gradient
 * under test is computed in float32 through ~3 layers of sums of at most 6
 * terms: its relative rounding error is a few float32 ulps per operation,
 * ~1e-6 relative, amplified at most ~10x by cancellation in these small nets.
 * We allow 2e-4 relative to the largest gradient entry of the tensor plus
 * 2e-4 relative per entry: 50x headroom over float32 rounding, yet a wrong
 * formula (a missing 1/sqrt(fan_in), a wrong derivative) is off by O(1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { architecture, paramSlots } from '../../../core/nn/architecture.js';
import { backward, forward } from '../../../core/nn/mlp.js';
import { lossAndGradient } from '../../../core/loss/losses.js';
import { ACTIVATIONS, modelSchema } from '../../../core/spec/schema.js';
import { Rng } from '../../../core/random/rng.js';
import { refForward, refLoss, type RefLoss, type RefNet } from '../../helpers/reference-mlp.js';

beforeAll(async () => {
  await initEngine();
});

const n = 5;
const d = 3;
const hidden = [4, 3];

function setup(activation: (typeof ACTIVATIONS)[number], ntk: boolean, bias: boolean, loss: RefLoss, seed: number) {
  const outputs = loss === 'cross-entropy' ? 3 : 1;
  const model = modelSchema.parse({ hidden, activation, bias, parameterization: ntk ? 'ntk' : 'standard' });
  const arch = architecture(model, d, outputs);
  const rng = new Rng(seed);
  const values = paramSlots(arch).map((s) => Float64Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.8));
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) =>
    loss === 'mse' ? rng.normal() : loss === 'cross-entropy' ? i % 3 : i % 2 === 0 ? 1 : -1,
  );
  return { arch, values, x, y, outputs };
}

function refNet(arch: ReturnType<typeof architecture>, values: Float64Array[]): RefNet {
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

const LOSSES: RefLoss[] = ['mse', 'logistic', 'exponential', 'cross-entropy'];
const cases: [string, boolean, boolean, RefLoss][] = [];
for (const a of ACTIVATIONS) for (const ntk of [false, true]) cases.push([a, ntk, ntk, 'mse']);
for (const loss of LOSSES) for (const ntk of [false, true]) cases.push(['tanh', ntk, !ntk, loss]);
for (const a of ACTIVATIONS) cases.push([a, false, true, 'logistic']);

describe('backward pass vs float64 central differences', () => {
  it.each(cases)('%s, ntk=%s, bias=%s, %s loss', (activation, ntk, bias, loss) => {
    const { arch, values, x, y } = setup(activation as (typeof ACTIVATIONS)[number], ntk, bias, loss, 11);
    const slots = paramSlots(arch);
    const labels = loss === 'mse' ? 'real' : loss === 'cross-entropy' ? 'classes' : 'pm1';
    const lossSpec = { kind: loss, reduction: 'sum' as const };

    const grads = tf.tidy(() => {
      const params = values.map((v, i) => tf.tensor(Float32Array.from(v), slots[i]!.shape));
      const fwd = forward(arch, params, tf.tensor2d(Float32Array.from(x), [n, d]));
      const { dOut } = lossAndGradient(lossSpec, fwd.out, tf.tensor1d(Float32Array.from(y)), labels);
      return backward(arch, params, fwd, dOut).map((g) => g!.dataSync().slice());
    });

    const objective = (vals: Float64Array[]): number => refLoss(loss, 'sum', refForward(refNet(arch, vals), x, n), y, n);
    const h = 1e-6;
    values.forEach((v, p) => {
      const fd = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const orig = v[i]!;
        v[i] = orig + h;
        const up = objective(values);
        v[i] = orig - h;
        const down = objective(values);
        v[i] = orig;
        fd[i] = (up - down) / (2 * h);
      }
      const scale = Math.max(...fd.map(Math.abs), 1e-3);
      for (let i = 0; i < v.length; i++) {
        expect(Math.abs(grads[p]![i]! - fd[i]!)).toBeLessThanOrEqual(2e-4 * scale + 2e-4 * Math.abs(fd[i]!));
      }
    });
  });
});

describe('forward pass vs the float64 reference', () => {
  it.each([...ACTIVATIONS])('%s matches the formula in docs/models.md (both parameterizations)', (activation) => {
    for (const ntk of [false, true]) {
      const { arch, values, x } = setup(activation, ntk, true, 'mse', 5);
      const slots = paramSlots(arch);
      const out = tf.tidy(() => {
        const params = values.map((v, i) => tf.tensor(Float32Array.from(v), slots[i]!.shape));
        return forward(arch, params, tf.tensor2d(Float32Array.from(x), [n, d])).out.dataSync().slice();
      });
      const ref = refForward(refNet(arch, values), x, n);
      ref.forEach((r, i) => expect(out[i]!).toBeCloseTo(r, 5));
    }
  });
});

describe('loss values vs the float64 reference', () => {
  it.each(LOSSES)('%s, sum and mean', (loss) => {
    const { arch, values, x, y } = setup('tanh', false, true, loss, 3);
    const slots = paramSlots(arch);
    for (const reduction of ['sum', 'mean'] as const) {
      const labels = loss === 'mse' ? 'real' : loss === 'cross-entropy' ? 'classes' : 'pm1';
      const got = tf.tidy(() => {
        const params = values.map((v, i) => tf.tensor(Float32Array.from(v), slots[i]!.shape));
        const fwd = forward(arch, params, tf.tensor2d(Float32Array.from(x), [n, d]));
        return lossAndGradient({ kind: loss, reduction }, fwd.out, tf.tensor1d(Float32Array.from(y)), labels).loss.dataSync()[0]!;
      });
      const ref = refLoss(loss, reduction, refForward(refNet(arch, values), x, n), y, n);
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(ref)));
    }
  });
});

describe('frozen layers', () => {
  it('get no gradient, and the trainable ones are unchanged', () => {
    const model = modelSchema.parse({ hidden: [4], activation: 'tanh', trainable: 'hidden' });
    const arch = architecture(model, d, 1);
    expect(arch.trainable).toEqual([true, false]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const params = paramSlots(arch).map((s) => tf.randomNormal(s.shape, 0, 1, 'float32', 1));
      const fwd = forward(arch, params, tf.randomNormal([n, d], 0, 1, 'float32', 2) as tf.Tensor2D);
      const grads = backward(arch, params, fwd, tf.ones([n, 1]) as tf.Tensor2D);
      expect(grads.map((g) => (g ? g.shape : null))).toEqual([[d, 4], null]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
