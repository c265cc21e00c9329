/** From a validated optimizer entry of the experiment file to an Optimizer. */
import type { OptimizerSpec } from '../spec/schema.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import { GradientDescent } from './gd.js';
import { HeavyBall } from './heavy-ball.js';
import { Nesterov } from './nesterov.js';
import type { Optimizer } from './optimizer.js';
import { Rmsprop } from './rmsprop.js';

/**
 * A fresh optimizer with empty state. The learning rate (`spec.lr`) is not
 * used here: the loop evaluates it per step with learningRate() (schedule.ts)
 * and passes lr_t to step().
 */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  switch (spec.kind) {
    case 'gd':
    case 'sgd':
      return new GradientDescent();
    case 'heavy-ball':
      return new HeavyBall({ momentum: spec.momentum });
    case 'nesterov':
      return new Nesterov({ momentum: spec.momentum });
    case 'adam':
      return new Adam({ betas: spec.betas, eps: spec.eps, weight_decay: spec.weight_decay });
    case 'adamw':
      return new AdamW({ betas: spec.betas, eps: spec.eps, weight_decay: spec.weight_decay });
    case 'rmsprop':
      return new Rmsprop({
        alpha: spec.alpha,
        eps: spec.eps,
        weight_decay: spec.weight_decay,
        momentum: spec.momentum,
      });
    case 'adagrad':
      return new Adagrad({
        lr_decay: spec.lr_decay,
        eps: spec.eps,
        weight_decay: spec.weight_decay,
        initial_accumulator_value: spec.initial_accumulator_value,
      });
    default: {
      const never: never = spec;
      throw new Error(`unknown optimizer kind ${JSON.stringify((never as { kind: unknown }).kind)}`);
    }
  }
}
