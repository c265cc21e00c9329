/**
 * The backward pass's fast forms (core/nn/mlp.ts) against the plain ones:
 * transpose2d vs tf.transpose, and each product formed as P Q or (Q^T P^T)^T.
 * They only move floats or reorder which operand is packed, so on the WASM
 * backend the results are bitwise equal; other backends may block their
 * matMul sums differently, hence the tiny tolerance there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine, type EngineInfo } from '../../../core/engine/backend.js';
import { backward, forward, inputGradient, transpose2d, weightGradient, layerParams } from '../../../core/nn/mlp.js';
import { activationDerivative } from '../../../core/nn/activations.js';
import { layerCount, paramSlots, weightScale, type Architecture } from '../../../core/nn/architecture.js';
import { lossAndGradient } from '../../../core/loss/losses.js';

let engine: EngineInfo;
beforeAll(async () => {
  engine = await initEngine();
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const u = a.dataSync();
  const v = b.dataSync();
  let m = 0;
  for (let i = 0; i < u.length; i++) m = Math.max(m, Math.abs(u[i]! - v[i]!));
  return m;
}

/** 0 on WASM; a float32 rounding allowance elsewhere. */
function allowance(ref: tf.Tensor): number {
  if (engine.backend === 'wasm') return 0;
  let m = 1;
  for (const v of ref.dataSync()) m = Math.max(m, Math.abs(v));
  return 1e-5 * m;
}

describe('transpose2d', () => {
  // [64,256]: small, tf.transpose; [256,1024], [1024,96], [2048,16]: blocked; [100,400]: rows not divisible by 32.
  it.each([
    [64, 256],
    [256, 1024],
    [1024, 96],
    [2048, 16],
    [100, 400],
    [3, 1],
  ])('%i x %i equals tf.transpose exactly', (r, c) => {
    tf.tidy(() => {
      const x = tf.randomNormal([r, c], 0, 1, 'float32', r + c) as tf.Tensor2D;
      const got = transpose2d(x);
      expect(got.shape).toEqual([c, r]);
      expect(maxAbsDiff(got, tf.transpose(x))).toBe(0);
    });
  });
});

describe('backward products in both forms', () => {
  // Cost rule in mlp.ts. weightGradient: [256 x 32]^T [256 x 1024] is formed as (D^T h)^T; [64 x 256]^T [64 x 256] directly.
  it.each([
    [256, 32, 1024],
    [64, 256, 256],
    [128, 512, 1],
  ])('weightGradient h^T D, n=%i fan_in=%i fan_out=%i', (n, fanIn, fanOut) => {
    tf.tidy(() => {
      const h = tf.randomNormal([n, fanIn], 0, 1, 'float32', 1) as tf.Tensor2D;
      const d = tf.randomNormal([n, fanOut], 0, 1, 'float32', 2) as tf.Tensor2D;
      const ref = tf.matMul(tf.transpose(h), d);
      expect(maxAbsDiff(weightGradient(h, d), ref)).toBeLessThanOrEqual(allowance(ref));
    });
  });

  // inputGradient: [64 x 256] [256 x 256]^T and [128 x 1024] [1024 x 1024]^T are formed as (W D^T)^T (the latter
  // with blocked transposes); [256 x 256] [256 x 256]^T, [256 x 1] [1024 x 1]^T and [32 x 3] [1024 x 3]^T directly.
  it.each([
    [64, 256, 256],
    [128, 1024, 1024],
    [256, 256, 256],
    [256, 1024, 1],
    [32, 1024, 3],
  ])('inputGradient D W^T, n=%i fan_in=%i fan_out=%i', (n, fanIn, fanOut) => {
    tf.tidy(() => {
      const d = tf.randomNormal([n, fanOut], 0, 1, 'float32', 3) as tf.Tensor2D;
      const w = tf.randomNormal([fanIn, fanOut], 0, 1, 'float32', 4) as tf.Tensor2D;
      // Use w as the B of a matMul first, as the forward pass does (the backend caches per B).
      tf.matMul(tf.randomNormal([5, fanIn], 0, 1, 'float32', 5) as tf.Tensor2D, w).dataSync();
      const ref = tf.matMul(d, tf.transpose(w));
      expect(maxAbsDiff(inputGradient(d, w), ref)).toBeLessThanOrEqual(allowance(ref));
    });
  });
});

/** The backward pass with plain tf.transpose everywhere (the formulas of mlp.ts's header). */
function plainBackward(a: Architecture, params: readonly tf.Tensor[], fwd: ReturnType<typeof forward>, dOut: tf.Tensor2D): tf.Tensor[] {
  const grads: tf.Tensor[] = [];
  let delta = dOut;
  for (let l = layerCount(a) - 1; l >= 0; l--) {
    const c = weightScale(a, l);
    grads[l] = tf.mul(tf.matMul(tf.transpose(fwd.inputs[l]!), delta), c);
    if (l === 0) break;
    const back = tf.mul(tf.matMul(delta, tf.transpose(layerParams(a, params, l).w)), c);
    delta = tf.mul(back, activationDerivative(a.activation, fwd.pre[l - 1]!, fwd.inputs[l]!)) as tf.Tensor2D;
  }
  return grads;
}

describe('backward pass on nets where the fast forms engage', () => {
  it.each([
    [64, [16, 256, 256, 1], 'tanh'],
    [256, [32, 256, 256, 1], 'relu'],
    [96, [8, 512, 3], 'tanh'],
  ] as const)('n=%i widths %j %s: equal to the plain formulas', (n, sizes, activation) => {
    const arch: Architecture = { sizes: [...sizes], activation, bias: false, parameterization: 'ntk', trainable: sizes.slice(1).map(() => true) };
    tf.tidy(() => {
      const params = paramSlots(arch).map((s, i) => tf.randomNormal(s.shape, 0, 1, 'float32', 10 + i));
      const x = tf.randomNormal([n, sizes[0]!], 0, 1, 'float32', 7) as tf.Tensor2D;
      const outputs = sizes[sizes.length - 1]!;
      const y = outputs === 1 ? tf.randomNormal([n], 0, 1, 'float32', 8) : tf.tensor1d(Array.from({ length: n }, (_, i) => i % outputs));
      const fwd = forward(arch, params, x);
      const { dOut } = lossAndGradient({ kind: outputs === 1 ? 'mse' : 'cross-entropy', reduction: 'sum' }, fwd.out, y as tf.Tensor1D, outputs === 1 ? 'real' : 'classes');
      const fast = backward(arch, params, fwd, dOut);
      const plain = plainBackward(arch, params, fwd, dOut);
      plain.forEach((ref, i) => expect(maxAbsDiff(fast[i]!, ref)).toBeLessThanOrEqual(allowance(ref)));
    });
  });
});
