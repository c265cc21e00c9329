/**
 * The optimizers the theory overlays cover, reduced to what the linearized
 * model needs: a constant learning rate and the momentum rule
 * (docs/optimizers.md; docs/science.md, "Theory overlays").
 *
 *   gd / sgd (full batch)   e_{t+1} = e_t - s K e_t
 *   heavy-ball              e_{t+1} = e_t - s K e_t + beta (e_t - e_{t-1})
 *   nesterov                y_t = e_t + beta_t (e_t - e_{t-1}),  e_{t+1} = y_t - s K y_t
 *
 * on the error e = f(X) - y with K = H_0 the NTK Gram matrix and s the
 * effective step (below). Learning-rate schedules are refused: the mode
 * analysis needs the same iteration at every step.
 */
import { NESTEROV_SCHEDULE, type LossSpec, type OptimizerSpec } from '../spec/schema.js';
import { nesterovMomentum } from '../optim/nesterov.js';

export type TheoryOptimizer =
  | { kind: 'gd'; lr: number }
  | { kind: 'heavy-ball'; lr: number; beta: number }
  | { kind: 'nesterov'; lr: number; beta: number | typeof NESTEROV_SCHEDULE };

export type Reduction = LossSpec['reduction'];

/** Optimizer kinds with a linearized prediction. */
export const THEORY_OPTIMIZERS: readonly OptimizerSpec['kind'][] = ['gd', 'sgd', 'heavy-ball', 'nesterov'];

/**
 * The constant learning rate of an optimizer entry: a number, or a `constant`
 * schedule without warmup; null for anything that changes with the step.
 */
export function constantLr(spec: OptimizerSpec): number | null {
  const lr = spec.lr;
  if (typeof lr === 'number') return lr;
  return lr.kind === 'constant' && lr.warmup === 0 ? lr.value : null;
}

/** The theory form of an optimizer entry; throws naming what is unsupported. */
export function theoryOptimizer(spec: OptimizerSpec): TheoryOptimizer {
  const lr = constantLr(spec);
  if (lr === null) throw new Error(`the linearized theory needs a constant learning rate (optimizer "${spec.label ?? spec.kind}" has a schedule)`);
  switch (spec.kind) {
    case 'gd':
    case 'sgd':
      return { kind: 'gd', lr };
    case 'heavy-ball':
      return { kind: 'heavy-ball', lr, beta: spec.momentum };
    case 'nesterov':
      return { kind: 'nesterov', lr, beta: spec.momentum };
    default:
      throw new Error(`the linearized theory covers gd, sgd, heavy-ball and nesterov, not ${spec.kind}`);
  }
}

/**
 * c in L = (c/2) |e|^2: 1 for reduction `sum`, 1/n for `mean`. The gradient
 * of L in theta is c J^T e, so the error moves with the effective step s = c lr.
 */
export function lossScale(reduction: Reduction, n: number): number {
  return reduction === 'mean' ? 1 / n : 1;
}

/** beta_t at 0-based step t (0 for gd), exactly as the optimizers use it. */
export function momentumAt(opt: TheoryOptimizer, t: number): number {
  if (opt.kind === 'gd') return 0;
  if (opt.kind === 'heavy-ball') return opt.beta;
  return nesterovMomentum(opt.beta, t);
}
