import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../main/electron/app-paths.js';

describe('appPaths', () => {
  it('finds the pieces where electron.vite.config.ts writes them, from out/main/index.js', () => {
    const root = join('/', 'opt', 'lab');
    const paths = appPaths(pathToFileURL(join(root, 'out', 'main', 'index.js')).href);
    expect(paths).toMatchObject({
      preload: join(root, 'out', 'preload', 'preload.cjs'),
      rendererDir: join(root, 'out', 'renderer'),
      workerModule: join(root, 'out', 'main', 'worker-main.js'),
    });
  });

  it('finds the user guide in docs/ of a checkout, and in the resources of a packaged app', () => {
    const root = join('/', 'opt', 'lab');
    const paths = appPaths(pathToFileURL(join(root, 'out', 'main', 'index.js')).href);
    expect(paths.userGuide(false, '/unused')).toBe(join(root, 'docs', 'user-guide.md'));
    expect(paths.userGuide(true, join('/', 'app', 'resources'))).toBe(join('/', 'app', 'resources', 'docs', 'user-guide.md'));
  });
});
