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

/**
 * Problems of the items of a list field (`model.hidden[0]`), as `item 1: message`:
 * a number list is one input, so its items' messages belong at that input.
 */
export function itemProblemsUnder(problems: ReadonlyMap<string, readonly string[]>, path: Path): string[] {
  const prefix = pathString(path);
  const out: string[] = [];
  for (const [p, messages] of problems) {
    if (!p.startsWith(`${prefix}[`)) continue;
    const m = /^\[(\d+)\](.*)$/.exec(p.slice(prefix.length));
    if (!m) continue;
    const where = `item ${Number(m[1]) + 1}${m[2] ? ` ${m[2].replace(/^\./, '')}` : ''}`;
    for (const message of messages) out.push(`${where}: ${message}`);
  }
  return out;
}
