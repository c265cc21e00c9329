/**
 * Validation of an experiment file: the schema's checks, the rules that relate
 * fields, and every point of the sweep grid. Every problem is reported with the
 * dotted path of the field and what is allowed, before any training starts.
 */
import type { z } from 'zod';
import { experimentSchema, type Experiment } from './schema.js';
import { formatPath, type SpecProblem } from './problems.js';
import { crossFieldProblems } from './rules.js';
import { expandExperiment, SweepError } from './expand.js';

export type ValidationResult = { ok: true; value: Experiment } | { ok: false; problems: SpecProblem[] };

/** Schema problems of one parse, with readable messages. */
export function schemaProblems(error: z.ZodError, input: unknown): SpecProblem[] {
  return error.issues.flatMap((issue) => describeIssue(issue, input));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): SpecProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'unknown field (not part of experiment file version 1)',
    }));
  }
  const got = valueAt(input, issue.path);
  let message = issue.message;
  if (issue.code === 'invalid_type' && got === undefined) message = `required (${issue.expected})`;
  else if (typeof got === 'number' && !Number.isFinite(got)) message = `must be a finite number (got ${String(got)})`;
  else if ((issue.code === 'too_small' || issue.code === 'too_big') && got !== undefined && typeof got !== 'object') {
    message = `${message} (got ${JSON.stringify(got)})`;
  }
  return [{ path: formatPath(issue.path), message }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

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
