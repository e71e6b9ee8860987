import { type AnyPluginSpec, initBackend, tf } from '@gemlab/core';
import { expectNoLeakedTensors } from '@gemlab/core/testing';
import { beforeAll, describe, expect } from 'vitest';
import { asymmetry, CONFORMANCE_FEATURE_COUNT, CONFORMANCE_SAMPLE_COUNT, computeMatrix } from './affinity-checks.js';
import { check } from './check.js';
import { createFromConfig, forEachParamSet } from './conformance-registry.js';
import { randomValues } from './fixtures.js';
import type { AffinityConformanceOptions } from './kernel-conformance.js';

/** The names of the distance checks, as keys for a plugin's `expectedFailures`. */
export const DISTANCE_CHECKS = {
  shape: 'has shape N×M',
  zeroDiagonal: 'is exactly 0 on the diagonal',
  symmetric: 'is symmetric',
  nonNegative: 'is non-negative and finite',
  duplicates: 'is 0 between duplicate points',
  leaks: 'leaves no tensor behind',
} as const;

/**
 * The distance contract (core/src/contracts/distance.ts) as vitest checks, per `testParams` set,
 * on 6 samples × 3 features uniform in [0, 1) (a precomputed distance's testParams hold a 6×6
 * matrix). Scope-'dataset' distances are only called as compute(x).
 */
export function describeDistanceConformance(spec: AnyPluginSpec, options: AffinityConformanceOptions = {}): void {
  describe(`distance '${spec.name}' conformance`, () => {
    const backend = options.backend;
    if (backend) beforeAll(async () => void (await initBackend(backend)));
    forEachParamSet(spec, options.plugins, (registry, config) => {
      const create = () => createFromConfig(registry, 'distance', config);
      const n = CONFORMANCE_SAMPLE_COUNT;
      const x = randomValues(31, n, CONFORMANCE_FEATURE_COUNT, (rng) => rng.next());
      const label = `distance '${spec.name}'`;

      check(spec, DISTANCE_CHECKS.shape, () => {
        const distance = create();
        expect(computeMatrix(distance, x, n).shape).toEqual([n, n]);
        if (distance.scope === 'batch') {
          const y = randomValues(32, 4, CONFORMANCE_FEATURE_COUNT, (rng) => rng.next());
          expect(computeMatrix(distance, x, n, y, 4).shape).toEqual([n, 4]);
        }
      });
      check(spec, DISTANCE_CHECKS.zeroDiagonal, () => {
        const { values } = computeMatrix(create(), x, n);
        for (let i = 0; i < n; i++) expect(values[i * n + i], `${label}: D(${i + 1}, ${i + 1})`).toBe(0);
      });
      check(spec, DISTANCE_CHECKS.symmetric, () => {
        const { values } = computeMatrix(create(), x, n);
        const worst = asymmetry(values, n);
        const scale = Math.max(1, ...Array.from(values, Math.abs));
        expect(worst.gap, `${label}: D(${worst.row}, ${worst.column}) vs D(${worst.column}, ${worst.row})`).toBeLessThanOrEqual(
          1e-5 * scale,
        );
      });
      check(spec, DISTANCE_CHECKS.nonNegative, () => {
        const { values } = computeMatrix(create(), x, n);
        const bad = Array.from(values).findIndex((v) => !(v >= 0) || !Number.isFinite(v));
        expect(bad, `${label}: entry ${bad} is ${values[bad]}`).toBe(-1);
      });
      // A dataset-scope distance is a function of the whole set, not of two points (graph hops
      // join duplicates by one edge), so only batch-scope distances must vanish between copies.
      if (create().scope === 'batch') {
        check(spec, DISTANCE_CHECKS.duplicates, () => {
          const distance = create();
          const twice = Float32Array.from([
            ...x.subarray(0, CONFORMANCE_FEATURE_COUNT),
            ...x.subarray(0, CONFORMANCE_FEATURE_COUNT),
          ]);
          const { values } = computeMatrix(distance, twice, 2);
          expect(Array.from(values), `${label} between two copies of one point`).toEqual([0, 0, 0, 0]);
        });
      }
      check(spec, DISTANCE_CHECKS.leaks, () => {
        const distance = create();
        const xs = tf.tensor2d(x, [n, CONFORMANCE_FEATURE_COUNT]);
        expectNoLeakedTensors(label, () => distance.compute(xs), 1);
        xs.dispose();
      });
    });
  });
}
