/**
 * Updates below half an ulp of the weights must still add up: in plain
 * float32, 1 - 1e-8 rounds back to 1, so 10,000 such steps would leave x at 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';

beforeAll(async () => {
  await initEngine();
});

function run(kind: 'gd' | 'heavy-ball' | 'nesterov', steps: number, g: number): number {
  const opt = createOptimizer(optimizerSchema.parse({ kind, lr: 1, ...(kind === 'gd' ? {} : { momentum: 0.5 }) }));
  let x: tf.Tensor[] = [tf.tensor1d([1])];
  const grad = tf.tensor1d([g]);
  for (let t = 0; t < steps; t++) {
    const at = opt.evalPoint(x, t);
    const next = opt.step(x, [grad], 1, t);
    tf.dispose(at.filter((a) => !x.includes(a)));
    tf.dispose(x);
    x = next;
  }
  const out = x[0]!.dataSync()[0]!;
  tf.dispose([...x, grad]);
  opt.dispose();
  return out;
}

describe('compensated parameter updates', () => {
  it('plain float32 would lose these updates', () => {
    expect(Math.fround(1 - 1e-8)).toBe(1);
  });

  it('gd: 10,000 steps of 1e-8 move x from 1 to 1 - 1e-4', () => {
    expect(run('gd', 10_000, 1e-8)).toBeCloseTo(1 - 1e-4, 7);
  });

  it('heavy-ball and nesterov: constant gradient g with beta = 0.5 moves x by about 2 g per step', () => {
    // Steady state of d = beta d - lr g is -lr g / (1 - beta) = -2e-8 per step.
    for (const kind of ['heavy-ball', 'nesterov'] as const) {
      expect(run(kind, 10_000, 1e-8)).toBeCloseTo(1 - 2e-4, 6);
    }
  });
});
