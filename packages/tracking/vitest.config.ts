import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  ssr: { resolve: { conditions: ['@gemlab/source'] } },
  test: {
    name: '@gemlab/tracking',
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // The two integration files mostly wait on their MLflow server: run them side by side even on 2 cores.
    maxWorkers: 3,
    reporters: ['default', ['json', { outputFile: './test-output/vitest.json' }]],
    coverage: { provider: 'v8', reportsDirectory: './test-output/vitest/coverage' },
  },
});
