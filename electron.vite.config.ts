/**
 * The desktop build (`npm run build`, `npm run dist`): main (with the worker
 * entry beside it), the sandboxed preload, and the renderer with the same
 * settings as renderer/vite.config.ts (browser mode builds that one alone).
 * Output: out/main/index.js (package.json "main"), out/main/worker-main.js,
 * out/preload/preload.cjs, out/renderer/.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string): string => resolve(root, path);

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      // dependencies stay in node_modules; the optional native engine too (absent when its download failed).
      externalizeDeps: { include: ['@tensorflow/tfjs-node'] },
      rolldownOptions: {
        input: { index: at('main/electron/main.ts'), 'worker-main': at('main/pool/worker-main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can require only 'electron': bundle everything else, as CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: at('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: at('renderer'),
    build: {
      ...rendererConfig.build,
      // electron-vite resolves outDir against the project, not the renderer root.
      outDir: at('out/renderer'),
      rolldownOptions: { input: at('renderer/index.html') },
    },
  },
});
