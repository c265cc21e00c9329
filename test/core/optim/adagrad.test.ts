import { beforeAll, describe, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

interface AdagradRef {
  lr_decay: number;
  eps: number;
  weight_decay: number;
  initial_accumulator_value: number;
}

/**
 * torch.optim.Adagrad, sum_0 = initial_accumulator_value:
 *   g += wd x; clr = lr_t / (1 + t lr_decay); sum += g^2; x -= clr g / (sqrt(sum) + eps)
 */
function referenceAdagrad(o: AdagradRef, lrs: readonly number[]): number[][] {
  const xs = [[...x0]];
  let sum = [0, 0, 0].map(() => o.initial_accumulator_value);
  lrs.forEach((lr, t) => {
    const x = xs[xs.length - 1] as number[];
    const g = grad(x).map((gi, i) => gi + o.weight_decay * x[i]!);
    const clr = lr / (1 + t * o.lr_decay);
    sum = sum.map((s, i) => s + g[i]! ** 2);
    xs.push(x.map((xi, i) => xi - (clr * g[i]!) / (Math.sqrt(sum[i]!) + o.eps)));
  });
  return xs;
}

const lrs10 = Array<number>(10).fill(0.5);
const varying = [0.5, 0.3, 0.6, 0.2, 0.5, 0.4, 0.7, 0.3];

describe('adagrad', () => {
  it('follows PyTorch with its defaults (eps 1e-10, no decay, accumulator 0)', () => {
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adagrad', lr: 0.5 }));
    const ref = referenceAdagrad({ lr_decay: 0, eps: 1e-10, weight_decay: 0, initial_accumulator_value: 0 }, lrs10);
    expectClose(runOptimizer(opt, lrs10).xs, ref);
  });

  it('with lr_decay, an initial accumulator, weight decay (L2) and a varying lr', () => {
    const o = { lr_decay: 0.3, eps: 1e-3, weight_decay: 0.25, initial_accumulator_value: 0.5 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adagrad', lr: 1, ...o }));
    expectClose(runOptimizer(opt, varying).xs, referenceAdagrad(o, varying));
  });
});
