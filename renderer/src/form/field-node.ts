/**
 * A form described as data, derived from the experiment's zod schema by
 * schema-walk.ts: the designer renders these nodes and never lists fields by hand.
 */
export interface NumberRule {
  int: boolean;
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

export type Literal = string | number | boolean | null;

export interface FieldEntry {
  key: string;
  node: FieldNode;
  /** Neither optional nor defaulted: leaving it out is a problem. */
  required: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
}

export interface ObjectNode {
  type: 'object';
  fields: FieldEntry[];
}

/** A discriminated union: a select on `discriminator` swaps the sub-form. */
export interface VariantNode {
  type: 'variant';
  discriminator: string;
  variants: { value: string; node: ObjectNode }[];
}

/** One branch of a plain union, picked by a mode select. */
export interface ChoiceOption {
  /** Stable id for the select: `lit:sign`, `number`, `variant:step`, ... */
  id: string;
  label: string;
  /** The sub-widget for this branch; null for a constant (a literal). */
  node: FieldNode | null;
  matches(value: unknown): boolean;
  /** The value written when the user picks this branch. */
  initial(): unknown;
}

export interface ChoiceNode {
  type: 'choice';
  options: ChoiceOption[];
}

export type FieldNode =
  | ObjectNode
  | VariantNode
  | ChoiceNode
  | { type: 'enum'; values: string[] }
  | { type: 'number'; rule: NumberRule }
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'literal'; value: Literal }
  /** Arrays of numbers (hidden widths, w*): one comma-separated input. */
  | { type: 'numberList'; rule: NumberRule }
  /** Arrays of an enum (metrics): a set of checkboxes. */
  | { type: 'enumSet'; values: string[] }
  /** Arrays of objects (optimizers): cards with add, duplicate, remove. */
  | { type: 'list'; item: FieldNode; min: number }
  | { type: 'tuple'; items: FieldNode[] }
  /** String-keyed maps (sweep): rows of key and value. */
  | { type: 'record'; value: FieldNode }
  /** Anything else: edited as JSON text. */
  | { type: 'json' };
