/**
 * What differs between runs' specs: every leaf flattened to a dotted path,
 * and only the paths whose values are not all equal kept. The compare view's
 * summary table shows these as columns, and nothing else.
 */
export type Flat = Map<string, string>;

/** Leaves by path (`optimizer.lr`, `model.hidden`); arrays of numbers are one leaf, shown as JSON. */
export function flattenSpec(spec: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (spec === null || typeof spec !== 'object') {
    if (prefix !== '') out.set(prefix, spec === undefined ? '' : JSON.stringify(spec));
    return out;
  }
  if (Array.isArray(spec)) {
    if (spec.every((v) => v === null || typeof v !== 'object')) {
      out.set(prefix, JSON.stringify(spec));
      return out;
    }
    spec.forEach((v, i) => flattenSpec(v, `${prefix}[${i}]`, out));
    return out;
  }
  for (const [k, v] of Object.entries(spec)) flattenSpec(v, prefix === '' ? k : `${prefix}.${k}`, out);
  return out;
}

export interface SpecDifference {
  path: string;
  /** One per spec, in order; '' where the field is absent. */
  values: string[];
}

/**
 * Paths to ignore by default: run bookkeeping, and labels (the table's first
 * column already names each run).
 */
export const DIFF_IGNORED = new Set(['experimentName', 'replicate', 'sweepPoint', 'label', 'optimizer.label']);

export function diffSpecs(specs: readonly unknown[], ignore: ReadonlySet<string> = DIFF_IGNORED): SpecDifference[] {
  if (specs.length < 2) return [];
  const flats = specs.map((s) => flattenSpec(s));
  const paths = new Set<string>();
  for (const f of flats) for (const p of f.keys()) paths.add(p);
  const out: SpecDifference[] = [];
  for (const path of paths) {
    const root = path.split(/[.[]/)[0]!;
    if (ignore.has(root) || ignore.has(path)) continue;
    const values = flats.map((f) => f.get(path) ?? '');
    if (values.some((v) => v !== values[0])) out.push({ path, values });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** A spec's identity without its seed: runs with equal keys are replicates of one another. */
export function seedlessKey(spec: unknown): string {
  const flat = flattenSpec(spec);
  const parts: string[] = [];
  for (const [path, value] of [...flat.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (path === 'seed' || path === 'replicate' || path === 'experimentName' || path.startsWith('sweepPoint')) continue;
    parts.push(`${path}=${value}`);
  }
  return parts.join('\n');
}
