import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Workers share 2 cores with TensorFlow's own threads; forks isolate native backends.
    pool: 'forks',
  },
});
