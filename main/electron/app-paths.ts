/**
 * Where electron-vite puts the pieces (out/main, out/preload, out/renderer),
 * found from the built main module. The preload is CommonJS (.cjs): a
 * sandboxed preload cannot be an ES module.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  preload: string;
  rendererDir: string;
  /** The worker entry the pool forks as a utility process. */
  workerModule: string;
  /** The user guide: shipped as an extra resource when packaged, docs/ in a checkout. */
  userGuide(packaged: boolean, resourcesPath: string): string;
}

export function appPaths(mainModuleUrl: string): AppPaths {
  const mainDir = dirname(fileURLToPath(mainModuleUrl));
  return {
    preload: join(mainDir, '..', 'preload', 'preload.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
    workerModule: join(mainDir, 'worker-main.js'),
    userGuide: (packaged, resourcesPath) =>
      packaged ? join(resourcesPath, 'docs', 'user-guide.md') : join(mainDir, '..', '..', 'docs', 'user-guide.md'),
  };
}
