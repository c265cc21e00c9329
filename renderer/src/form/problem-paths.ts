/** Matching validation problems (dotted paths) to the form's fields. */
import { pathString, type Path } from './draft-path.js';

/**
 * Problems under `path` whose next key is not one of `shownKeys` (an unknown
 * field, say), as `key: message`, so they show at the nearest fieldset.
 */
export function strayUnder(problems: ReadonlyMap<string, readonly string[]>, path: Path, shownKeys: readonly string[]): string[] {
  const prefix = pathString(path);
  const out: string[] = [];
  for (const [p, messages] of problems) {
    let rest: string;
    if (prefix === '') rest = p === '(file)' ? '' : p;
    else if (p.startsWith(`${prefix}.`)) rest = p.slice(prefix.length + 1);
    else continue;
    if (rest.startsWith('[')) continue;
    const key = rest.split(/[.[]/)[0]!;
    if (key !== '' && shownKeys.includes(key)) continue;
    for (const m of messages) out.push(key === '' ? m : `${rest}: ${m}`);
  }
  return out;
}
