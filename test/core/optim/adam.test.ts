import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { createOptimizer } from '../../../core/optim/create.js';
import { optimizerSchema } from '../../../core/spec/schema.js';
import { expectClose, grad, runOptimizer, x0 } from './quadratic.js';

beforeAll(async () => {
  await initEngine('cpu');
});

interface AdamRef {
  betas: [number, number];
  eps: number;
  weight_decay: number;
  /** AdamW: x <- x (1 - lr wd) before the step; Adam: g <- g + wd x. */
  decoupled: boolean;
}

/**
 * Kingma & Ba, Algorithm 1, k = t + 1, m_0 = v_0 = 0:
 *   m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; x -= lr (m/(1-b1^k)) / (sqrt(v/(1-b2^k)) + eps)
 * with weight decay as L2 (Adam) or decoupled (AdamW, Loshchilov & Hutter, PyTorch's lr scaling).
 */
function referenceAdam(o: AdamRef, lrs: readonly number[]): number[][] {
  const [b1, b2] = o.betas;
  const xs = [[...x0]];
  let m = [0, 0, 0];
  let v = [0, 0, 0];
  lrs.forEach((lr, t) => {
    const k = t + 1;
    let x = xs[xs.length - 1] as number[];
    let g = grad(x);
    if (o.decoupled) x = x.map((xi) => xi - lr * o.weight_decay * xi);
    else g = g.map((gi, i) => gi + o.weight_decay * x[i]!);
    m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]!);
    v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i]! ** 2);
    const xNext = x.map((xi, i) => {
      const mHat = m[i]! / (1 - b1 ** k);
      const vHat = v[i]! / (1 - b2 ** k);
      return xi - (lr * mHat) / (Math.sqrt(vHat) + o.eps);
    });
    xs.push(xNext);
  });
  return xs;
}

const lrs10 = Array<number>(10).fill(0.1);
const varying = [0.2, 0.1, 0.25, 0.05, 0.2, 0.15, 0.3, 0.1];

describe('adam', () => {
  it('follows Kingma & Ba with the PyTorch defaults (betas 0.9, 0.999, eps 1e-8, no decay)', () => {
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adam', lr: 0.1 }));
    const ref = referenceAdam({ betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decoupled: false }, lrs10);
    expectClose(runOptimizer(opt, lrs10).xs, ref);
  });

  it('adds weight_decay x to the gradient (L2), with other betas, eps and a varying lr', () => {
    const o = { betas: [0.8, 0.9] as [number, number], eps: 1e-3, weight_decay: 0.3 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adam', lr: 1, ...o }));
    expectClose(runOptimizer(opt, varying).xs, referenceAdam({ ...o, decoupled: false }, varying));
  });
});

describe('adamw', () => {
  it('follows Loshchilov & Hutter as in PyTorch with the defaults (weight_decay 0.01)', () => {
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adamw', lr: 0.1 }));
    const ref = referenceAdam({ betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01, decoupled: true }, lrs10);
    expectClose(runOptimizer(opt, lrs10).xs, ref);
  });

  it('decouples a large weight decay, scaled by lr_t', () => {
    const o = { betas: [0.8, 0.95] as [number, number], eps: 1e-6, weight_decay: 0.5 };
    const opt = createOptimizer(optimizerSchema.parse({ kind: 'adamw', lr: 1, ...o }));
    const trace = runOptimizer(opt, varying);
    expectClose(trace.xs, referenceAdam({ ...o, decoupled: true }, varying));
    // and it is not the L2 form
    const l2 = referenceAdam({ ...o, decoupled: false }, varying);
    expect(Math.abs(trace.xs[8]![0]! - l2[8]![0]!)).toBeGreaterThan(1e-3);
  });

  it('with weight_decay 0 is Adam, bit for bit', () => {
    const adam = runOptimizer(createOptimizer(optimizerSchema.parse({ kind: 'adam', lr: 0.1 })), varying);
    const spec = optimizerSchema.parse({ kind: 'adamw', lr: 0.1, weight_decay: 0 });
    const adamw = runOptimizer(createOptimizer(spec), varying);
    expect(adamw.xs).toEqual(adam.xs);
  });
});
