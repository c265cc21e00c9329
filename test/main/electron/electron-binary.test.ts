import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, localLookup, type BinaryLookup } from '../../../main/launch/electron-binary.js';

function lookup(files: Record<string, string>, env: Record<string, string> = {}): BinaryLookup {
  return {
    packageDir: '/repo/node_modules/electron',
    env,
    exists: (p) => p in files,
    readText: (p) => files[p] ?? null,
  };
}

describe('electronBinary', () => {
  const pathTxt = join('/repo/node_modules/electron', 'path.txt');
  const exe = join('/repo/node_modules/electron', 'dist', 'electron');

  it('is null when the download never happened (no path.txt), as here', () => {
    expect(electronBinary(lookup({}))).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    expect(electronBinary(lookup({ [pathTxt]: 'electron' }))).toBeNull();
  });

  it('finds dist/<path.txt>', () => {
    expect(electronBinary(lookup({ [pathTxt]: 'electron\n', [exe]: '' }))).toBe(exe);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH', () => {
    expect(electronBinary(lookup({ [pathTxt]: 'electron', [join('/opt/e', 'electron')]: '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }))).toBe(
      join('/opt/e', 'electron'),
    );
    expect(electronBinary(lookup({ '/usr/bin/electron': '' }, { ELECTRON_EXEC_PATH: '/usr/bin/electron' }))).toBe('/usr/bin/electron');
    expect(electronBinary(lookup({}, { ELECTRON_EXEC_PATH: '/usr/bin/electron' }))).toBeNull();
  });

  it('is null without the electron package', () => {
    expect(electronBinary({ ...lookup({}), packageDir: null })).toBeNull();
  });

  it('reads this machine without requiring electron (which would try to download it)', () => {
    const local = localLookup(import.meta.url);
    expect(local.packageDir).toMatch(/node_modules[\\/]electron$/);
    expect(() => electronBinary(local)).not.toThrow();
  });
});
