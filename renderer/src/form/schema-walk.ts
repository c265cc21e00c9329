/**
 * Walks a zod 4 schema into FieldNodes: objects → fieldsets, enums → selects,
 * numbers → number inputs, booleans → checkboxes, discriminated unions → a kind
 * select with a sub-form, arrays of numbers → a comma list, arrays of objects →
 * a list of cards. Reads zod's public `_zod.def` descriptions only.
 */
import type { z } from 'zod';
import type { ChoiceOption, FieldEntry, FieldNode, Literal, NumberRule, ObjectNode, VariantNode } from './field-node.js';
import { initialVariant, suggestedNumber } from './initial-values.js';

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypeDef;

function defOf(s: Schema): Def {
  return s._zod.def;
}

export interface Unwrapped {
  inner: Schema;
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
}

/** Peel `.optional()` and `.default()` off a schema. */
export function unwrap(schema: Schema): Unwrapped {
  let inner = schema;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional') {
      optional = true;
      inner = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'default' || def.type === 'prefault') {
      const d = def as z.core.$ZodDefaultDef;
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = structuredClone(d.defaultValue);
      }
      inner = d.innerType;
    } else if (def.type === 'nullable' || def.type === 'readonly') {
      inner = (def as z.core.$ZodNullableDef).innerType;
    } else {
      break;
    }
  }
  return hasDefault ? { inner, optional, hasDefault, defaultValue } : { inner, optional, hasDefault };
}

export function numberRule(schema: Schema): NumberRule {
  const rule: NumberRule = { int: false };
  for (const check of (defOf(schema) as z.core.$ZodNumberDef).checks ?? []) {
    const c = check._zod.def as z.core.$ZodCheckDef & { value?: number; inclusive?: boolean; format?: string };
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32')) rule.int = true;
    if (c.check === 'greater_than' && typeof c.value === 'number' && (rule.min === undefined || c.value >= rule.min)) {
      rule.min = c.value;
      rule.minInclusive = c.inclusive ?? true;
    }
    if (c.check === 'less_than' && typeof c.value === 'number' && (rule.max === undefined || c.value <= rule.max)) {
      rule.max = c.value;
      rule.maxInclusive = c.inclusive ?? true;
    }
  }
  // `.int()` in zod 4 is a number_format check on a number schema built by z.int()-like helpers.
  if ((schema as Schema & { isInt?: boolean }).isInt === true) rule.int = true;
  return rule;
}

function objectNode(schema: Schema): ObjectNode {
  const shape = (defOf(schema) as z.core.$ZodObjectDef).shape;
  const fields: FieldEntry[] = Object.entries(shape).map(([key, child]) => {
    const u = unwrap(child);
    const entry: FieldEntry = { key, node: walkSchema(u.inner), required: !u.optional && !u.hasDefault, hasDefault: u.hasDefault };
    if (u.hasDefault) entry.defaultValue = u.defaultValue;
    return entry;
  });
  return { type: 'object', fields };
}

function literalValues(schema: Schema): Literal[] {
  return [...(defOf(schema) as z.core.$ZodLiteralDef<Literal>).values] as Literal[];
}

function enumValues(schema: Schema): string[] {
  return Object.values((defOf(schema) as z.core.$ZodEnumDef).entries).map(String);
}

function isNumberish(v: unknown, literals: readonly Literal[]): boolean {
  // A half-typed number is kept as its text, so the field still owns it.
  return typeof v === 'number' || (typeof v === 'string' && !literals.includes(v));
}

/** Options of a plain union; nested discriminated unions and enums are flattened into it. */
function choiceOptions(options: readonly Schema[]): ChoiceOption[] {
  const literals: Literal[] = [];
  for (const o of options) {
    const t = defOf(unwrap(o).inner).type;
    if (t === 'literal') literals.push(...literalValues(unwrap(o).inner));
    if (t === 'enum') literals.push(...enumValues(unwrap(o).inner));
  }
  const out: ChoiceOption[] = [];
  for (const option of options) {
    const inner = unwrap(option).inner;
    const node = walkSchema(inner);
    switch (node.type) {
      case 'literal': {
        const value = node.value;
        out.push({ id: `lit:${String(value)}`, label: String(value), node: null, matches: (v) => v === value, initial: () => value });
        break;
      }
      case 'enum':
        for (const value of node.values) {
          out.push({ id: `lit:${value}`, label: value, node: null, matches: (v) => v === value, initial: () => value });
        }
        break;
      case 'variant':
        for (const variant of node.variants) {
          const disc = node.discriminator;
          const single: VariantNode = { type: 'variant', discriminator: disc, variants: [variant] };
          out.push({
            id: `variant:${variant.value}`,
            label: variant.value,
            node: single,
            matches: (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && (v as Record<string, unknown>)[disc] === variant.value,
            initial: () => initialVariant(single, variant.value),
          });
        }
        break;
      case 'number':
        out.push({ id: 'number', label: 'number', node, matches: (v) => isNumberish(v, literals), initial: () => suggestedNumber(node.rule) });
        break;
      case 'string':
        out.push({ id: 'string', label: 'text', node, matches: (v) => typeof v === 'string' && !literals.includes(v), initial: () => '' });
        break;
      case 'numberList':
        out.push({ id: 'numberList', label: 'list', node, matches: (v) => Array.isArray(v), initial: () => [] });
        break;
      default:
        out.push({ id: `other:${out.length}`, label: node.type, node, matches: () => false, initial: () => undefined });
    }
  }
  // A number branch is the catch-all for stray strings, so literal branches must be tried first.
  return out.sort((a, b) => rank(a) - rank(b));
}

function rank(o: ChoiceOption): number {
  if (o.id.startsWith('lit:')) return 0;
  if (o.id.startsWith('variant:')) return 1;
  if (o.id === 'numberList') return 2;
  if (o.id === 'string') return 3;
  return 4;
}

export function walkSchema(schema: Schema): FieldNode {
  const inner = unwrap(schema).inner;
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return objectNode(inner);
    case 'union': {
      const u = def as z.core.$ZodDiscriminatedUnionDef;
      if (typeof u.discriminator === 'string') {
        // A branch keyed by an enum (`kind: gaussian | sphere | orthonormal`) offers each value as a kind.
        const variants = u.options.flatMap((option) => {
          const node = objectNode(unwrap(option).inner);
          const disc = node.fields.find((f) => f.key === u.discriminator)?.node;
          if (disc?.type === 'literal') return [{ value: String(disc.value), node }];
          if (disc?.type === 'enum') return disc.values.map((value) => ({ value, node }));
          return [];
        });
        return { type: 'variant', discriminator: u.discriminator, variants };
      }
      return { type: 'choice', options: choiceOptions(u.options) };
    }
    case 'enum':
      return { type: 'enum', values: enumValues(inner) };
    case 'number':
      return { type: 'number', rule: numberRule(inner) };
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'literal': {
      const values = literalValues(inner);
      return values.length === 1 ? { type: 'literal', value: values[0]! } : { type: 'enum', values: values.map(String) };
    }
    case 'array': {
      const element = unwrap((def as z.core.$ZodArrayDef).element).inner;
      const item = walkSchema(element);
      if (item.type === 'number') return { type: 'numberList', rule: item.rule };
      if (item.type === 'enum') return { type: 'enumSet', values: item.values };
      if (item.type === 'object' || item.type === 'variant') return { type: 'list', item, min: minLength(inner) };
      return { type: 'json' };
    }
    case 'tuple':
      return { type: 'tuple', items: (def as z.core.$ZodTupleDef).items.map((i) => walkSchema(i)) };
    case 'record':
      return { type: 'record', value: walkSchema((def as z.core.$ZodRecordDef).valueType) };
    default:
      return { type: 'json' };
  }
}

function minLength(schema: Schema): number {
  for (const check of defOf(schema).checks ?? []) {
    const c = check._zod.def as z.core.$ZodCheckDef & { minimum?: number };
    if (c.check === 'min_length' && typeof c.minimum === 'number') return c.minimum;
  }
  return 0;
}
