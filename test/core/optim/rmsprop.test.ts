import { beforeAll, describe, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

interface RmspropRef {
  alpha: number;
  eps: number;
  weight_decay: number;
  momentum: number;
}

/**
 * torch.optim.RMSprop (centered=False), v_0 = buf_0 = 0:
 *   g += wd x; v = alpha v + (1-alpha) g^2;
 *   momentum > 0: buf = momentum buf + g/(sqrt(v)+eps), x -= lr buf;  else x -= lr g/(sqrt(v)+eps)
 */
function referenceRmsprop(o: RmspropRef, lrs: readonly number[]): number[][] {
  const xs = [[...x0]];
  let v = [0, 0, 0];
  let buf = [0, 0, 0];
  for (const lr of lrs) {
    const x = xs[xs.length - 1] as number[];
    const g = grad(x).map((gi, i) => gi + o.weight_decay * x[i]!);
    v = v.map((vi, i) => o.alpha * vi + (1 - o.alpha) * g[i]! ** 2);
    const scaled = g.map((gi, i) => gi / (Math.sqrt(v[i]!) + o.eps));
    if (o.momentum > 0) {
      buf = buf.map((bi, i) => o.momentum * bi + scaled[i]!);
      xs.push(x.map((xi, i) => xi - lr * buf[i]!));
    } else {
      xs.push(x.map((xi, i) => xi - lr * scaled[i]!));
    }
  }
  return xs;
}

const lrs10 = Array<number>(10).fill(0.01);
const varying = [0.02, 0.01, 0.025, 0.005, 0.02, 0.015, 0.03, 0.01];

describe('rmsprop', () => {
  it('follows PyTorch with its defaults (alpha 0.99, eps 1e-8, no momentum, no decay)', () => {
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'rmsprop', lr: 0.01 }));
    const ref = referenceRmsprop({ alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0 }, lrs10);
    expectClose(runOptimizer(opt, lrs10).xs, ref);
  });

  it('with momentum', () => {
    const o = { alpha: 0.9, eps: 1e-8, weight_decay: 0, momentum: 0.9 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'rmsprop', lr: 0.01, ...o }));
    expectClose(runOptimizer(opt, lrs10).xs, referenceRmsprop(o, lrs10));
  });

  it('with weight decay (L2), momentum, a large eps and a varying lr', () => {
    const o = { alpha: 0.8, eps: 0.1, weight_decay: 0.4, momentum: 0.5 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'rmsprop', lr: 1, ...o }));
    expectClose(runOptimizer(opt, varying).xs, referenceRmsprop(o, varying));
  });

  it('with weight decay and no momentum', () => {
    const o = { alpha: 0.95, eps: 1e-8, weight_decay: 0.2, momentum: 0 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'rmsprop', lr: 1, ...o }));
    expectClose(runOptimizer(opt, varying).xs, referenceRmsprop(o, varying));
  });
});
