import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  ssr: { resolve: { conditions: ['@gemlab/source'] } },
  test: {
    name: '@gemlab/objectives',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    testTimeout: 60_000,
    // One tfjs import per worker instead of per file (the import dominates this package's run time);
    // every spec initialises its backend and counts tensors relative to its own start.
    isolate: false,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: './test-output/vitest.json' }]],
    coverage: { provider: 'v8', reportsDirectory: './test-output/vitest/coverage' },
  },
});
