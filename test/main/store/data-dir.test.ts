import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../main/store/data-dir.js';

describe('the data folder', () => {
  it("is Electron's userData folder for productName \"Convergence Lab\"", () => {
    expect(defaultDataDir({ platform: 'linux', home: '/home/ada', env: {} })).toBe('/home/ada/.config/Convergence Lab');
    expect(defaultDataDir({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/Convergence Lab',
    );
    // A relative XDG_CONFIG_HOME is invalid (XDG Base Directory spec) and ignored.
    expect(defaultDataDir({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: 'cfg' } })).toBe(
      '/home/ada/.config/Convergence Lab',
    );
    expect(defaultDataDir({ platform: 'darwin', home: '/Users/ada', env: {} })).toBe(
      '/Users/ada/Library/Application Support/Convergence Lab',
    );
    expect(
      defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ada', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' } }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Convergence Lab');
    expect(defaultDataDir({ platform: 'win32', home: 'C:\\Users\\ada', env: {} })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Convergence Lab',
    );
  });

  it('is overridden by --data-dir, then LAB_DATA_DIR, resolved to an absolute path', () => {
    const ctx = { platform: 'linux' as const, home: '/home/ada', cwd: '/work' };
    expect(resolveDataDir(null, { ...ctx, env: {} })).toBe('/home/ada/.config/Convergence Lab');
    expect(resolveDataDir(null, { ...ctx, env: { LAB_DATA_DIR: '/data/lab' } })).toBe('/data/lab');
    expect(resolveDataDir('runs', { ...ctx, env: { LAB_DATA_DIR: '/data/lab' } })).toBe('/work/runs');
    expect(resolveDataDir(undefined, { ...ctx, env: { LAB_DATA_DIR: './lab' } })).toBe('/work/lab');
    expect(resolveDataDir('', { ...ctx, env: { LAB_DATA_DIR: '  ' } })).toBe('/home/ada/.config/Convergence Lab');
    expect(resolveDataDir('D:\\lab', { platform: 'win32', home: 'C:\\Users\\ada', cwd: 'C:\\work', env: {} })).toBe('D:\\lab');
  });

  it('uses the real environment by default', () => {
    const saved = process.env.LAB_DATA_DIR;
    process.env.LAB_DATA_DIR = '/tmp/lab-from-env';
    try {
      expect(resolveDataDir()).toBe(resolve('/tmp/lab-from-env'));
    } finally {
      if (saved === undefined) delete process.env.LAB_DATA_DIR;
      else process.env.LAB_DATA_DIR = saved;
    }
  });
});
