/** Editing a list of entries (optimizers): new, duplicate, remove, move; labels kept unique. */
import type { FieldNode } from './field-node.js';
import { initialValue, initialVariant } from './initial-values.js';

type Item = Record<string, unknown>;

function labelsOf(list: readonly unknown[]): string[] {
  return list.map((o) => (o && typeof o === 'object' ? String((o as Item).label ?? (o as Item).kind ?? '') : ''));
}

export function uniqueLabel(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}

/** A new entry; if entries carry labels, it gets one not yet taken (`NESTEROV`, `NESTEROV 2`). */
export function newItem(node: FieldNode, list: readonly unknown[], variant?: string): unknown {
  const item = node.type === 'variant' ? initialVariant(node, variant ?? node.variants[0]!.value) : initialValue(node);
  const hasLabel = node.type === 'variant' ? node.variants.some((v) => v.node.fields.some((f) => f.key === 'label')) : false;
  if (hasLabel && item && typeof item === 'object') {
    const base = String((item as Item)[node.type === 'variant' ? node.discriminator : 'label'] ?? 'entry')
      .toUpperCase()
      .replace(/-/g, '');
    return { label: uniqueLabel(base, labelsOf(list)), ...(item as Item) };
  }
  return item;
}

export function duplicated(list: readonly unknown[], index: number): unknown[] {
  const source = list[index];
  if (source === undefined) return [...list];
  const copy = JSON.parse(JSON.stringify(source)) as unknown;
  if (copy && typeof copy === 'object' && !Array.isArray(copy) && ('label' in copy || 'kind' in copy)) {
    const c = copy as Item;
    c.label = uniqueLabel(`${String(c.label ?? c.kind)} copy`, labelsOf(list));
  }
  return [...list.slice(0, index + 1), copy, ...list.slice(index + 1)];
}

export function moved(list: readonly unknown[], index: number, by: -1 | 1): unknown[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}
