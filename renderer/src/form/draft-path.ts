/** Reading and writing a JSON draft by path (`['optimizers', 1, 'lr']`). */
export type PathKey = string | number;
export type Path = readonly PathKey[];

export function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathKey, unknown>)[key];
  }
  return cur;
}

/**
 * Set `value` at `path`, creating objects (or arrays, for numeric keys) on the
 * way; `undefined` deletes the key, so an emptied field falls back to its default.
 */
export function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  if (path.length === 0) throw new Error('setAt needs a non-empty path');
  let cur: Record<PathKey, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = cur[key];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      cur[key] = next;
    }
    cur = next as Record<PathKey, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else {
    cur[last] = value;
  }
}

/** The dotted form validateExperiment uses: `optimizers[1].lr`. */
export function pathString(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** A DOM id for a field (focus from the problem list). */
export function fieldId(path: Path | string): string {
  const s = typeof path === 'string' ? path : pathString(path);
  return `field-${s.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
