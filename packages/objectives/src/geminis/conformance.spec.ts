import type { PluginConfig } from '@gemlab/core';
import { installedBackends } from '@gemlab/core/testing';
import { describe } from 'vitest';
import { builtinDistances, builtinKernels, builtinObjectives } from '../module.js';
import { describeDistanceConformance, describeKernelConformance, describeObjectiveConformance } from '../testing.js';

// Every built-in plugin through the public conformance suites, on every backend installed here
// (cpu and wasm always; native TensorFlow after `npm run setup:tensorflow`, as in the test command).
const backends = installedBackends();

/** Costs that are metrics, for which Wasserstein's K = 2 OvA = OvO identity holds. */
const metricDistances = new Set(['euclidean', 'manhattan', 'chebyshev', 'graph-hops']);

/** The K = 2 identity holds for the integral probability metrics only (gemini-math.md). */
const k2OvaEqualsOvo: Record<string, boolean | ((config: PluginConfig) => boolean)> = {
  tv: true,
  mmd: true,
  wasserstein: (config) => metricDistances.has((config.distance as PluginConfig | undefined)?.name ?? ''),
};

for (const backend of backends) {
  describe(`on ${backend}`, () => {
    for (const spec of builtinObjectives) {
      describeObjectiveConformance(spec, { backend, k2OvaEqualsOvo: k2OvaEqualsOvo[spec.name] ?? false });
    }
    for (const spec of builtinKernels) describeKernelConformance(spec, { backend });
    for (const spec of builtinDistances) describeDistanceConformance(spec, { backend });
  });
}
