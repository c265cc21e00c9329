/**
 * Schema issues in the words of the experiment file: what the field must be,
 * and what it was. One line per problem, named by the field's path.
 */
import type { z } from 'zod';
import { formatPath, type SpecProblem } from './problems.js';

const show = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));

function plain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const bound = Number(issue.minimum);
      if (issue.origin === 'array') return `needs at least ${bound} item${bound === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be ${issue.inclusive ? '>=' : '>'} ${bound}`;
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      if (issue.origin === 'array') return `allows at most ${bound} items`;
      if (issue.origin === 'string') return `must be at most ${bound} characters`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${bound}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${show(issue.values[0])}` : `must be one of ${issue.values.map(show).join(', ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return `must be one of ${(issue.options as unknown[]).map(show).join(', ')}`;
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

/**
 * The alternative of a union that the value was written as: the one branch
 * whose problems all lie inside the value (an object or list of that branch's
 * shape, e.g. a schedule object for `lr`); null when no branch or several do,
 * i.e. when the value's own type is wrong and the union's message applies.
 */
function intendedBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | null {
  if (issue.code !== 'invalid_union' || !Array.isArray(issue.errors)) return null;
  const inside = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  return inside.length === 1 ? inside[0]! : null;
}

/** One schema issue as problems (an unknown-keys issue names each key). */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): SpecProblem[] {
  const branch = intendedBranch(issue);
  if (branch !== null) return branch.flatMap((sub) => describeIssue({ ...sub, path: [...issue.path, ...sub.path] }, input));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'unknown field (not part of experiment file version 1)',
    }));
  }
  const got = valueAt(input, issue.path);
  let message = plain(issue);
  if (got === undefined && issue.code === 'invalid_type') message = `required (${issue.expected})`;
  else if (typeof got === 'number' && !Number.isFinite(got)) message = `must be a finite number (got ${String(got)})`;
  else if (got !== undefined && (typeof got !== 'object' || got === null)) message = `${message} (got ${JSON.stringify(got)})`;
  return [{ path: formatPath(issue.path), message }];
}

/** Every issue of a failed parse. */
export function schemaProblems(error: z.ZodError, input: unknown): SpecProblem[] {
  return error.issues.flatMap((issue) => describeIssue(issue, input));
}
