/** The metrics of a run, by name, in SPEC.md order. */
import type { MetricName } from '../spec/schema.js';
import type { Metric } from './metric.js';
import {
  accuracyMetric,
  gradNormMetric,
  lossMetric,
  plRatioMetric,
  relDistInitMetric,
  testLossMetric,
} from './basic.js';
import { distInitMetric } from './layer-distance.js';
import { ntkMetric } from './ntk-metric.js';
import { activationFlipMetric } from './activation-flips.js';
import { directionMetric } from './direction.js';
import { theoryMetric } from './theory-metric.js';

type Factory = () => Metric;

const FACTORIES: Readonly<Partial<Record<MetricName, Factory>>> = {
  loss: () => lossMetric,
  test_loss: () => testLossMetric,
  accuracy: () => accuracyMetric,
  grad_norm: () => gradNormMetric,
  dist_init: () => distInitMetric,
  rel_dist_init: relDistInitMetric,
  pl_ratio: () => plRatioMetric,
  ntk: ntkMetric,
  act_flip: activationFlipMetric,
  dir_cos: directionMetric,
  theory: theoryMetric,
};

/** Metric instances for a run; `loss` is always first and always present. */
export function createMetrics(names: readonly MetricName[]): Metric[] {
  const wanted = ['loss', ...names.filter((n) => n !== 'loss')] as MetricName[];
  return wanted.map((name) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`metric "${name}" is not available in this version`);
    return factory();
  });
}
