/**
 * A RunSpec as it arrives in a worker: another process sent it, so it is
 * parsed again with the experiment schema's own parts (defaults included) and
 * the cross-field rules, rather than trusted.
 */
import { z } from 'zod';
import {
  crossFieldProblems,
  dataSchema,
  experimentSchema,
  formatPath,
  lossSchema,
  METRIC_NAMES,
  modelSchema,
  optimizerSchema,
  trainSchema,
  type RunSpec,
  type SpecProblem,
} from '../../core/spec/index.js';

export const runSpecSchema = z.strictObject({
  experimentName: z.string(),
  label: z.string(),
  seed: z.number().int().min(0),
  replicate: z.number().int().min(0),
  sweepPoint: z.record(z.string(), z.unknown()),
  data: dataSchema,
  model: modelSchema,
  loss: lossSchema,
  train: trainSchema,
  metrics: z.array(z.enum(METRIC_NAMES)),
  optimizer: optimizerSchema,
});

export type RunSpecCheck = { ok: true; spec: RunSpec } | { ok: false; problems: SpecProblem[] };

export function checkRunSpec(raw: unknown): RunSpecCheck {
  const parsed = runSpecSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const spec: RunSpec = parsed.data;
  // The rules that relate fields are written for an experiment: rebuild the one-run experiment.
  const asExperiment = experimentSchema.safeParse({
    version: 1,
    name: spec.experimentName.length > 0 ? spec.experimentName : 'run',
    seed: Math.min(spec.seed, 4294967295),
    data: spec.data,
    model: spec.model,
    loss: spec.loss,
    train: spec.train,
    optimizers: [spec.optimizer],
    metrics: spec.metrics,
  });
  if (!asExperiment.success) {
    return { ok: false, problems: asExperiment.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const problems = crossFieldProblems(asExperiment.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec };
}
