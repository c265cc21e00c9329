/**
 * Validation of an experiment file: the schema's checks, the rules that relate
 * fields, and every point of the sweep grid. Every problem is reported with the
 * dotted path of the field and what is allowed, before any training starts.
 */
import { experimentSchema, type Experiment } from './schema.js';
import type { SpecProblem } from './problems.js';
import { schemaProblems } from './issue-messages.js';
import { crossFieldProblems } from './rules.js';
import { expandExperiment, SweepError } from './expand.js';

export { schemaProblems };

export type ValidationResult = { ok: true; value: Experiment } | { ok: false; problems: SpecProblem[] };

/** Validate raw JSON: schema, cross-field rules, then each point of the sweep grid. */
export function validateExperiment(input: unknown): ValidationResult {
  const parsed = experimentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, input) };
  const problems = crossFieldProblems(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  try {
    expandExperiment(parsed.data);
  } catch (err) {
    if (err instanceof SweepError) return { ok: false, problems: err.problems };
    throw err;
  }
  return { ok: true, value: parsed.data };
}
