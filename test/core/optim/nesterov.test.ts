import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { nesterovMomentum } from '../../../core/optim/nesterov.js';
import { NESTEROV_SCHEDULE, optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, toTensors, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

/**
 * y_t = x_t + beta_t (x_t - x_{t-1}), x_{-1} = x_0; x_{t+1} = y_t - lr_t grad f(y_t); float64.
 * beta_t is given as a function of the 0-based t.
 */
function referenceNesterov(beta: (t: number) => number, lrs: readonly number[]): { xs: number[][]; ys: number[][] } {
  const xs = [[...x0]];
  const ys: number[][] = [];
  let prev = [...x0];
  lrs.forEach((lr, t) => {
    const x = xs[xs.length - 1] as number[];
    const y = x.map((xi, i) => xi + beta(t) * (xi - prev[i]!));
    const g = grad(y);
    ys.push(y);
    xs.push(y.map((yi, i) => yi - lr * g[i]!));
    prev = x;
  });
  return { xs, ys };
}

/** torch.optim.SGD(momentum=mu, nesterov=True, dampening=0): buf = mu buf + g (g at first); p -= lr (g + mu buf). */
function referenceTorchNesterov(mu: number, lr: number, steps: number): number[][] {
  const ps = [[...x0]];
  let buf: number[] | null = null;
  for (let t = 0; t < steps; t++) {
    const p = ps[ps.length - 1] as number[];
    const g = grad(p);
    const bufNow: number[] = buf === null ? g : g.map((gi, i) => mu * buf![i]! + gi);
    buf = bufNow;
    ps.push(p.map((pi, i) => pi - lr * (g[i]! + mu * bufNow[i]!)));
  }
  return ps;
}

const spec = (momentum: number | typeof NESTEROV_SCHEDULE, lr = 0.1) =>
  optimizerSchema.parse({ kind: 'nesterov', lr, momentum });

describe('nesterov', () => {
  it('the (k-1)/(k+2) schedule has k = t, the iterate index (Su-Boyd-Candes): beta = 0, 0, 1/4, 2/5, 1/2, ...', () => {
    const betas = [0, 1, 2, 3, 4, 98].map((t) => nesterovMomentum(NESTEROV_SCHEDULE, t));
    expect(betas).toEqual([0, 0, 1 / 4, 2 / 5, 1 / 2, 97 / 100]);
    expect(nesterovMomentum(0.7, 5)).toBe(0.7);
  });

  it('follows the look-ahead rule with a constant beta; evalPoint returns y_t', () => {
    const lrs = Array<number>(10).fill(0.1);
    const trace = runOptimizer(createOptimizer(spec(0.8)), lrs);
    const ref = referenceNesterov(() => 0.8, lrs);
    expectClose(trace.xs, ref.xs);
    expectClose(trace.evals, ref.ys);
    // y_t differs from x_t once momentum has something to act on.
    expect(Math.abs(trace.evals[3]![0]! - trace.xs[3]![0]!)).toBeGreaterThan(1e-3);
  });

  it('follows the look-ahead rule with beta_t = (t-1)/(t+2), and a varying lr', () => {
    const lrs = [0.2, 0.1, 0.25, 0.05, 0.2, 0.15, 0.3, 0.1, 0.2, 0.2];
    const trace = runOptimizer(createOptimizer(spec(NESTEROV_SCHEDULE)), lrs);
    const ref = referenceNesterov((t) => (t === 0 ? 0 : (t - 1) / (t + 2)), lrs);
    expectClose(trace.xs, ref.xs);
    expectClose(trace.evals, ref.ys);
  });

  it('defaults to the (k-1)/(k+2) schedule', () => {
    const lrs = Array<number>(8).fill(0.2);
    const trace = runOptimizer(createOptimizer(optimizerSchema.parse({ kind: 'nesterov', lr: 0.2 })), lrs);
    expectClose(trace.xs, referenceNesterov((t) => (t === 0 ? 0 : (t - 1) / (t + 2)), lrs).xs);
  });

  it('evaluates at y_0 = x_0 first, with new tensors rather than x itself', () => {
    const opt = createOptimizer(spec(0.8));
    expect(opt.evaluatesAtX).toBe(false);
    const x = toTensors(x0);
    const y = opt.evalPoint(x, 0);
    expect(y.some((yi, i) => yi === x[i])).toBe(false);
    expect(y.map((yi) => Array.from(yi.dataSync()))).toEqual(x.map((xi) => Array.from(xi.dataSync())));
    tf.dispose([...x, ...y]);
    opt.dispose();
  });

  it('its y_t are the parameters of torch SGD(momentum=mu, nesterov=True) for constant mu and lr', () => {
    const lrs = Array<number>(10).fill(0.1);
    const trace = runOptimizer(createOptimizer(spec(0.8)), lrs);
    expectClose(trace.evals, referenceTorchNesterov(0.8, 0.1, 9));
  });
});
