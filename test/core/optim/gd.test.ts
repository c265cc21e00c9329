import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, x0, zip } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

/** x_{t+1} = x_t - lr_t grad f(x_t), in float64. */
function referenceGd(lrs: readonly number[]): number[][] {
  const xs = [[...x0]];
  for (const lr of lrs) {
    const x = xs[xs.length - 1] as number[];
    xs.push(zip(x, grad(x), (xi, gi) => xi - lr * gi));
  }
  return xs;
}

describe('gd / sgd', () => {
  const constant = Array<number>(10).fill(0.2);
  const varying = [0.3, 0.1, 0.25, 0.05, 0.2, 0.15, 0.3, 0.1];

  it.each(['gd', 'sgd'] as const)('%s follows x <- x - lr g with a constant lr', (kind) => {
    const trace = runOptimizer(createOptimizer(optimizerSchema.parse({ kind, lr: 0.2 })), constant);
    const expected = referenceGd(constant);
    expectClose(trace.xs, expected);
    // The iterates really move (the test is not comparing x_0 with itself).
    expect(Math.abs((expected[10] as number[])[0]! - x0[0]!)).toBeGreaterThan(0.1);
  });

  it('uses the lr it is given at each step', () => {
    const trace = runOptimizer(createOptimizer(optimizerSchema.parse({ kind: 'gd', lr: 1 })), varying);
    expectClose(trace.xs, referenceGd(varying));
  });

  it('evaluates the gradient at x_t', () => {
    const trace = runOptimizer(createOptimizer(optimizerSchema.parse({ kind: 'gd', lr: 0.2 })), constant);
    expect(trace.evals).toEqual(trace.xs.slice(0, -1));
  });
});
