/** What every generated field reaches through inject: the draft, its problems, list edits. */
import { inject, type InjectionKey } from 'vue';
import type { Path } from './draft-path.js';
import type { FieldNode } from './field-node.js';

export interface FormContext {
  get(path: Path): unknown;
  set(path: Path, value: unknown): void;
  /** Messages for exactly this path. */
  problemsAt(path: Path): string[];
  /** Messages under `path` for keys the form does not show (unknown fields, hidden branches). */
  strayProblems(path: Path, shownKeys: readonly string[]): string[];
  /** Messages for the items of a list edited as one input (`model.hidden[0]`). */
  itemProblems(path: Path): string[];
  addItem(path: Path, item: FieldNode, variant?: string): void;
  duplicateItem(path: Path, index: number): void;
  removeItem(path: Path, index: number): void;
  moveItem(path: Path, index: number, by: -1 | 1): void;
}

export const FORM_KEY: InjectionKey<FormContext> = Symbol('form');

export function useForm(): FormContext {
  const ctx = inject(FORM_KEY);
  if (!ctx) throw new Error('a form field outside a SchemaForm');
  return ctx;
}
