/**
 * `dist_init`: the total distance from initialization over the trainable
 * parameters and one column per layer (weights and bias together), on a
 * hand-made move whose distances are known exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../core/engine/backend.js';
import type { Architecture } from '../../../core/nn/architecture.js';
import { Objective } from '../../../core/run/objective.js';
import { distInitMetric } from '../../../core/metrics/layer-distance.js';
import { createMetrics } from '../../../core/metrics/create.js';
import { context, dataset, tensors } from './context.js';

beforeAll(async () => {
  await initEngine();
});

describe('dist_init', () => {
  const d = 2;
  const data = dataset([1, 0, 0, 1], 2, d, [0, 0], null);

  function run(trainable: boolean[]): Record<string, number> {
    const arch: Architecture = { sizes: [d, 3, 1], activation: 'relu', bias: true, parameterization: 'standard', trainable };
    const objective = new Objective(arch, { kind: 'mse', reduction: 'sum' }, data);
    const zero = [new Array<number>(6).fill(0), [0, 0, 0], [0, 0, 0], [0]];
    // Layer 0 moves by (3, 4) in W and 12 in b: distance 13; layer 1 by 1 in W and 1 in b: sqrt 2.
    const moved = [[3, 0, 0, 0, 4, 0], [0, 0, 12], [0, 1, 0], [1]];
    // Frozen layers never move; keep them at their initial values.
    const current = moved.map((v, i) => (trainable[i < 2 ? 0 : 1] ? v : zero[i]!));
    const p0 = tensors(arch, zero);
    const p1 = tensors(arch, current);
    const c = context(7, arch, data, objective, p1, p0);
    const out = distInitMetric.compute(c.ctx);
    c.dispose();
    objective.dispose();
    tf.dispose([...p0, ...p1]);
    return out;
  }

  it('emits the total and one column per layer', () => {
    const out = run([true, true]);
    expect(Object.keys(out).sort()).toEqual(['dist_init', 'dist_init_l0', 'dist_init_l1']);
    expect(out.dist_init_l0).toBeCloseTo(13, 12);
    expect(out.dist_init_l1).toBeCloseTo(Math.SQRT2, 12);
    expect(out.dist_init).toBeCloseTo(Math.sqrt(169 + 2), 12);
  });

  it('counts only trainable layers (frozen ones read 0)', () => {
    const out = run([false, true]);
    expect(out.dist_init_l0).toBe(0);
    expect(out.dist_init).toBeCloseTo(Math.SQRT2, 12);
  });

  it('is the factory behind "dist_init", and every SPEC metric has a factory', () => {
    const names = ['loss', 'test_loss', 'accuracy', 'grad_norm', 'dist_init', 'rel_dist_init', 'pl_ratio', 'ntk', 'act_flip', 'dir_cos'] as const;
    const metrics = createMetrics(names);
    expect(metrics.map((m) => m.name)).toEqual([...names]);
    expect(metrics[4]).toBe(distInitMetric);
    // Stateful metrics are fresh per run.
    expect(createMetrics(['ntk'])[1]).not.toBe(createMetrics(['ntk'])[1]);
  });
});
