/**
 * Whether a build output is older than its sources, so `npm start` and
 * `npm run serve` rebuild only when something changed.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIPPED = new Set(['node_modules', 'out', '.git']);

/** Newest modification time (ms) of the files under `paths` (files or folders); 0 if none exist. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string): void => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) if (!SKIPPED.has(entry)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** True when `output` is missing or some source is newer. */
export function isStale(output: string, sources: readonly string[]): boolean {
  let built: number;
  try {
    built = statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources) > built;
}
