/**
 * Tensor ownership and state: no leaks over many steps, inputs left intact,
 * fresh optimizers independent of earlier runs, and the factory's mapping.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { Adagrad } from '../../../core/optim/adagrad.js';
import { Adam } from '../../../core/optim/adam.js';
import { AdamW } from '../../../core/optim/adamw.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { GradientDescent } from '../../../core/optim/gd.js';
import { HeavyBall } from '../../../core/optim/heavy-ball.js';
import { Nesterov } from '../../../core/optim/nesterov.js';
import type { Optimizer } from '../../../core/optim/optimizer.js';
import { Rmsprop } from '../../../core/optim/rmsprop.js';
import { optimizerSchema, type OptimizerSpec } from '../../../core/spec/schema.js';
import { A, b, runOptimizer, toTensors, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

/** One entry per kind, with every state buffer in use (momentum, weight decay, ...). */
const SPECS: OptimizerSpec[] = [
  { kind: 'gd', lr: 0.1 },
  { kind: 'sgd', lr: 0.1 },
  { kind: 'heavy-ball', lr: 0.1, momentum: 0.9 },
  { kind: 'nesterov', lr: 0.1, momentum: '(k-1)/(k+2)' },
  { kind: 'nesterov', lr: 0.1, momentum: 0.8 },
  { kind: 'adam', lr: 0.05, weight_decay: 0.1 },
  { kind: 'adamw', lr: 0.05 },
  { kind: 'rmsprop', lr: 0.01, momentum: 0.9, weight_decay: 0.1 },
  { kind: 'adagrad', lr: 0.5, weight_decay: 0.1, initial_accumulator_value: 0.1 },
].map((s) => optimizerSchema.parse(s));

const name = (s: OptimizerSpec) => `${s.kind}${'momentum' in s ? ` (momentum ${s.momentum})` : ''}`;

/** grad f for the split parameters, with tensor ops as a training loop would. */
function tfGrad(y: readonly tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const flat = tf.concat(y.map((p) => tf.reshape(p, [-1])));
    const Ax = tf.reshape(tf.matMul(tf.tensor2d(A.map((r) => [...r])), tf.reshape(flat, [3, 1])), [3]);
    const g = tf.sub(Ax, tf.tensor1d([...b]));
    return [tf.reshape(tf.slice(g, 0, 2), [1, 2]), tf.slice(g, 2, 1)];
  });
}

describe.each(SPECS.map((s) => [name(s), s] as const))('%s', (_name, spec) => {
  it('keeps tf.memory().numTensors flat over many steps and frees its state on dispose', () => {
    const before = tf.memory().numTensors;
    const opt = createOptimizer(spec);
    let x = toTensors(x0);
    const counts: number[] = [];
    for (let t = 0; t < 40; t++) {
      const y = opt.evalPoint(x, t);
      const g = tfGrad(y);
      const next = opt.step(x, g, 0.05, t);
      for (const yi of y) if (!x.includes(yi)) yi.dispose();
      tf.dispose([...x, ...g]);
      x = next;
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts.slice(2)).size, `numTensors per step: ${counts.join(' ')}`).toBe(1);
    expect(x.every((p) => Array.from(p.dataSync()).every(Number.isFinite))).toBe(true);
    tf.dispose(x);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns new tensors and leaves its inputs intact', () => {
    const opt = createOptimizer(spec);
    const x = toTensors(x0);
    const g = tfGrad(x);
    const y = opt.evalPoint(x, 0);
    const next = opt.step(x, g, 0.05, 0);
    expect(next.some((n) => x.includes(n) || g.includes(n))).toBe(false);
    expect([...x, ...g].some((p) => p.isDisposed)).toBe(false);
    expect(next.map((n) => n.shape)).toEqual(x.map((p) => p.shape));
    expect(Array.from(x[0]!.dataSync())).toEqual(x0.slice(0, 2));
    for (const yi of y) if (!x.includes(yi)) yi.dispose();
    tf.dispose([...x, ...g, ...next]);
    opt.dispose();
  });

  it('does not depend on earlier runs: fresh optimizers agree, and a reused one restarts at t = 0', () => {
    const lrs = Array<number>(8).fill(0.05);
    const first = runOptimizer(createOptimizer(spec), lrs);
    const reused = createOptimizer(spec);
    runOptimizer(reused, lrs, [1, 2, 3]);
    expect(runOptimizer(createOptimizer(spec), lrs)).toEqual(first);
    expect(runOptimizer(reused, lrs)).toEqual(first);
    reused.dispose();
  });
});

describe('createOptimizer', () => {
  it('maps every kind to its class', () => {
    const classes = [GradientDescent, GradientDescent, HeavyBall, Nesterov, Nesterov, Adam, AdamW, Rmsprop, Adagrad];
    SPECS.forEach((s, i) => expect(createOptimizer(s)).toBeInstanceOf(classes[i]));
  });

  it('only Nesterov evaluates the gradient away from x', () => {
    expect(SPECS.filter((s) => !createOptimizer(s).evaluatesAtX).map((s) => s.kind)).toEqual(['nesterov', 'nesterov']);
  });

  it('rejects gradients that do not match the parameters', () => {
    const opt: Optimizer = createOptimizer(optimizerSchema.parse({ kind: 'adam', lr: 0.1 }));
    const x = toTensors(x0);
    const bad = [tf.zeros([2]), tf.zeros([1])];
    expect(() => opt.step(x, bad, 0.1, 0)).toThrow(/shape/);
    expect(() => opt.step(x, [bad[1]!], 0.1, 0)).toThrow(/1 gradients for 2 parameters/);
    tf.dispose([...x, ...bad]);
    opt.dispose();
  });
});
