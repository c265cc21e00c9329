import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

/** Polyak: x_{t+1} = x_t - lr_t grad f(x_t) + beta (x_t - x_{t-1}), x_{-1} = x_0; float64. */
function referenceHeavyBall(beta: number, lrs: readonly number[]): number[][] {
  const xs = [[...x0]];
  let prev = [...x0];
  for (const lr of lrs) {
    const x = xs[xs.length - 1] as number[];
    const g = grad(x);
    xs.push(x.map((xi, i) => xi - lr * g[i]! + beta * (xi - prev[i]!)));
    prev = x;
  }
  return xs;
}

/** torch.optim.SGD(momentum=beta, dampening=0): buf = beta buf + g (buf = g at the first step); x -= lr buf. */
function referenceTorchMomentum(beta: number, lr: number, steps: number): number[][] {
  const xs = [[...x0]];
  let buf: number[] | null = null;
  for (let t = 0; t < steps; t++) {
    const x = xs[xs.length - 1] as number[];
    const g = grad(x);
    const bufNow: number[] = buf === null ? g : g.map((gi, i) => beta * buf![i]! + gi);
    buf = bufNow;
    xs.push(x.map((xi, i) => xi - lr * bufNow[i]!));
  }
  return xs;
}

const spec = (momentum: number, lr = 0.1) => optimizerSchema.parse({ kind: 'heavy-ball', lr, momentum });

describe('heavy-ball', () => {
  it('follows Polyak\'s rule with beta = 0.9', () => {
    const lrs = Array<number>(10).fill(0.1);
    expectClose(runOptimizer(createOptimizer(spec(0.9)), lrs).xs, referenceHeavyBall(0.9, lrs));
  });

  it('follows Polyak\'s rule with a varying lr (lr_t multiplies only the gradient term)', () => {
    const lrs = [0.3, 0.1, 0.25, 0.05, 0.2, 0.15, 0.3, 0.1];
    expectClose(runOptimizer(createOptimizer(spec(0.5)), lrs).xs, referenceHeavyBall(0.5, lrs));
  });

  it('defaults to momentum 0.9', () => {
    const lrs = Array<number>(6).fill(0.1);
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'heavy-ball', lr: 0.1 }));
    expectClose(runOptimizer(opt, lrs).xs, referenceHeavyBall(0.9, lrs));
  });

  it('with beta = 0 is gradient descent, bit for bit', () => {
    const lrs = [0.3, 0.1, 0.25, 0.05, 0.2, 0.15];
    const hb = runOptimizer(createOptimizer(spec(0)), lrs);
    const gd = runOptimizer(createOptimizer(optimizerSchema.parse({ kind: 'gd', lr: 0.1 })), lrs);
    expect(hb.xs).toEqual(gd.xs);
  });

  it('equals torch SGD(momentum=beta, dampening=0) when lr is constant', () => {
    const lrs = Array<number>(10).fill(0.1);
    expectClose(runOptimizer(createOptimizer(spec(0.9)), lrs).xs, referenceTorchMomentum(0.9, 0.1, 10));
  });

  it('evaluates the gradient at x_t', () => {
    const trace = runOptimizer(createOptimizer(spec(0.9)), Array<number>(5).fill(0.1));
    expect(trace.evals).toEqual(trace.xs.slice(0, -1));
  });
});
