import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  ssr: { resolve: { conditions: ['@gemlab/source'] } },
  test: {
    name: '@gemlab/runner',
    environment: 'node',
    include: ['src/**/*.spec.ts', 'e2e/**/*.spec.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: './test-output/vitest.json' }]],
    coverage: { provider: 'v8', reportsDirectory: './test-output/vitest/coverage' },
  },
});
