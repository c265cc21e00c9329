import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStale, newestMtime } from '../../../main/launch/build-freshness.js';

let dir: string;
const at = (s: number) => new Date(1_700_000_000_000 + s * 1000);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-fresh-'));
  await mkdir(join(dir, 'src', 'deep'), { recursive: true });
  await mkdir(join(dir, 'src', 'node_modules'), { recursive: true });
  await writeFile(join(dir, 'src', 'a.ts'), '');
  await writeFile(join(dir, 'src', 'deep', 'b.ts'), '');
  await writeFile(join(dir, 'src', 'node_modules', 'ignored.js'), '');
  await writeFile(join(dir, 'out.js'), '');
  await utimes(join(dir, 'src', 'a.ts'), at(10), at(10));
  await utimes(join(dir, 'src', 'deep', 'b.ts'), at(20), at(20));
  await utimes(join(dir, 'src', 'node_modules', 'ignored.js'), at(99), at(99));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('build freshness', () => {
  it('takes the newest file under the sources, skipping node_modules', () => {
    expect(newestMtime([join(dir, 'src')])).toBe(at(20).getTime());
    expect(newestMtime([join(dir, 'missing')])).toBe(0);
  });

  it('is stale when the output is missing or older than a source', async () => {
    expect(isStale(join(dir, 'nothing.js'), [join(dir, 'src')])).toBe(true);
    await utimes(join(dir, 'out.js'), at(15), at(15));
    expect(isStale(join(dir, 'out.js'), [join(dir, 'src')])).toBe(true);
    await utimes(join(dir, 'out.js'), at(30), at(30));
    expect(isStale(join(dir, 'out.js'), [join(dir, 'src')])).toBe(false);
  });
});
