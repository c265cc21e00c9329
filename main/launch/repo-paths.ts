/** The repository's folders, for the launchers that run from sources (npm start, npm run serve). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const RENDERER_SOURCES = [join(REPO_ROOT, 'renderer'), join(REPO_ROOT, 'core')];
export const RENDERER_OUT = join(REPO_ROOT, 'out', 'renderer');
export const RENDERER_CONFIG = join(REPO_ROOT, 'renderer', 'vite.config.ts');

export const DESKTOP_SOURCES = [
  join(REPO_ROOT, 'main'),
  join(REPO_ROOT, 'core'),
  join(REPO_ROOT, 'renderer'),
  join(REPO_ROOT, 'electron.vite.config.ts'),
];
export const DESKTOP_ENTRY = join(REPO_ROOT, 'out', 'main', 'index.js');
