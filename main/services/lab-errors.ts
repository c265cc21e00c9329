/** The run store's errors as contract errors, so every transport sends the same envelope. */
import { LabError } from '../../core/contract/errors.js';
import type { SpecProblem } from '../../core/spec/problems.js';
import { StoreError } from '../store/index.js';

export function toLabError(err: unknown): unknown {
  if (!(err instanceof StoreError)) return err;
  // An ambiguous id prefix names no single run: for a caller it is "not found".
  const code = err.code === 'not-found' || err.code === 'ambiguous' ? 'not_found' : 'store';
  return new LabError(code, err.message);
}

/** Run `fn`, translating a StoreError it throws. */
export async function storeCall<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toLabError(err);
  }
}

export function invalidExperiment(problems: readonly SpecProblem[]): LabError {
  const n = problems.length;
  return new LabError('invalid_experiment', `the experiment has ${n} problem${n === 1 ? '' : 's'}`, undefined, [...problems]);
}
