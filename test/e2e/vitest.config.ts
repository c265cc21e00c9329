/**
 * End-to-end tests: the real browser-mode server, the built renderer, a real
 * Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH), driven by playwright-core.
 * Run: npx vitest run --config test/e2e/vitest.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
