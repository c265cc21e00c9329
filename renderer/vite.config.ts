/**
 * Builds the renderer on its own: `npx vite build -c renderer/vite.config.ts`.
 * Paths resolve from this file so the command works from any folder; `base: './'`
 * keeps asset URLs relative for Electron's file:// loading.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [vue()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // ECharts alone is ~700 kB minified; the warning would only be noise.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // core/ and examples/ live beside renderer/.
    fs: { allow: [repo] },
  },
});
