/**
 * Values the form writes when the user picks a branch or adds an item: the
 * discriminator, plus a plausible value for every required field, so a new
 * entry starts close to valid instead of a wall of "required".
 */
import type { FieldNode, NumberRule, ObjectNode, VariantNode } from './field-node.js';

export function suggestedNumber(rule: NumberRule): number {
  const lo = rule.min;
  const hi = rule.max;
  if (lo !== undefined && hi !== undefined) {
    const mid = (lo + hi) / 2;
    return rule.int ? Math.round(mid) : mid;
  }
  if (lo !== undefined) {
    if (rule.int) return Math.max(1, rule.minInclusive === false ? Math.floor(lo) + 1 : Math.ceil(lo));
    return lo < 1 ? (lo < 0.1 ? 0.1 : 1) : lo === 1 && rule.minInclusive === false ? 2 : lo;
  }
  return rule.int ? 1 : 0.1;
}

export function initialValue(node: FieldNode): unknown {
  switch (node.type) {
    case 'number':
      return suggestedNumber(node.rule);
    case 'enum':
      return node.values[0];
    case 'literal':
      return node.value;
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'object':
      return initialObject(node);
    case 'variant':
      return initialVariant(node, node.variants[0]!.value);
    case 'choice':
      // A plain number is the simplest branch where there is one (a fixed lr rather than a schedule).
      return (node.options.find((o) => o.id === 'number') ?? node.options[0])?.initial();
    case 'numberList':
    case 'enumSet':
    case 'list':
      return [];
    case 'tuple':
      return node.items.map(initialValue);
    case 'record':
      return {};
    case 'json':
      return undefined;
  }
}

export function initialObject(node: ObjectNode, keep: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of node.fields) {
    if (keep[f.key] !== undefined) out[f.key] = keep[f.key];
    else if (f.required) out[f.key] = initialValue(f.node);
  }
  return out;
}

/**
 * A variant's object, carrying over the fields of `from` that mean the same
 * in the new branch (same key, same kind of input, not a fixed literal).
 */
export function initialVariant(node: VariantNode, value: string, from: Record<string, unknown> = {}): Record<string, unknown> {
  const variant = node.variants.find((v) => v.value === value) ?? node.variants[0]!;
  const oldVariant = node.variants.find((v) => v.value === from[node.discriminator]);
  const keep: Record<string, unknown> = {};
  for (const f of variant.node.fields) {
    if (f.key === node.discriminator || from[f.key] === undefined) continue;
    const old = oldVariant?.node.fields.find((o) => o.key === f.key);
    if (old && old.node.type === f.node.type && f.node.type !== 'literal') keep[f.key] = from[f.key];
  }
  return { [node.discriminator]: variant.value, ...initialObject(variant.node, keep), [node.discriminator]: variant.value };
}
