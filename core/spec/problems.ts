/** How spec problems are named and printed: one line per problem, `path: message`. */
export interface SpecProblem {
  /** Dotted path of the offending field, e.g. `optimizers[1].lr`. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(file)' : out;
}

export function formatProblems(problems: readonly SpecProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

/** Thrown where a spec problem is found past validation (e.g. reading a CSV). */
export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(formatProblems(problems));
    this.name = 'SpecError';
  }
}
