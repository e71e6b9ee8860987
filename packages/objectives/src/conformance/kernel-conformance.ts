import { type AnyPluginSpec, type BackendName, initBackend, tf } from '@gemlab/core';
import { expectNoLeakedTensors } from '@gemlab/core/testing';
import { beforeAll, describe, expect } from 'vitest';
import { asymmetry, CONFORMANCE_FEATURE_COUNT, CONFORMANCE_SAMPLE_COUNT, computeMatrix } from './affinity-checks.js';
import { check } from './check.js';
import { createFromConfig, forEachParamSet } from './conformance-registry.js';
import { symmetricEigenvalues } from './eigenvalues.js';
import { randomValues } from './fixtures.js';

/** The names of the kernel checks, as keys for a plugin's `expectedFailures`. */
export const KERNEL_CHECKS = {
  shape: 'has shape N×M',
  symmetric: 'is symmetric',
  psd: 'is positive semi-definite on random x',
  finite: 'is finite',
  leaks: 'leaves no tensor behind',
} as const;

export interface AffinityConformanceOptions {
  /** Plugins the params may name besides the built-in kernels and distances. */
  readonly plugins?: readonly AnyPluginSpec[];
  /** Backend to run on, initialised in beforeAll; default: the active one. */
  readonly backend?: BackendName;
}

/**
 * The kernel contract (core/src/contracts/kernel.ts) as vitest checks, per `testParams` set, on
 * 6 samples × 3 features uniform in [0, 1) (a precomputed kernel's testParams hold a 6×6 matrix).
 * Scope-'dataset' kernels are only called as compute(x).
 */
export function describeKernelConformance(spec: AnyPluginSpec, options: AffinityConformanceOptions = {}): void {
  describe(`kernel '${spec.name}' conformance`, () => {
    const backend = options.backend;
    if (backend) beforeAll(async () => void (await initBackend(backend)));
    forEachParamSet(spec, options.plugins, (registry, config) => {
      const create = () => createFromConfig(registry, 'kernel', config);
      const n = CONFORMANCE_SAMPLE_COUNT;
      const x = randomValues(21, n, CONFORMANCE_FEATURE_COUNT, (rng) => rng.next());
      const label = `kernel '${spec.name}'`;

      check(spec, KERNEL_CHECKS.shape, () => {
        const kernel = create();
        expect(computeMatrix(kernel, x, n).shape).toEqual([n, n]);
        if (kernel.scope === 'batch') {
          const y = randomValues(22, 4, CONFORMANCE_FEATURE_COUNT, (rng) => rng.next());
          expect(computeMatrix(kernel, x, n, y, 4).shape).toEqual([n, 4]);
        }
      });
      check(spec, KERNEL_CHECKS.symmetric, () => {
        const { values } = computeMatrix(create(), x, n);
        const worst = asymmetry(values, n);
        const scale = Math.max(1, ...Array.from(values, Math.abs));
        expect(worst.gap, `${label}: K(${worst.row}, ${worst.column}) vs K(${worst.column}, ${worst.row})`).toBeLessThanOrEqual(
          1e-5 * scale,
        );
      });
      check(spec, KERNEL_CHECKS.psd, () => {
        const { values } = computeMatrix(create(), x, n);
        const smallest = Math.min(...symmetricEigenvalues(values, n));
        expect(smallest, `${label}: smallest eigenvalue of the Gram matrix`).toBeGreaterThanOrEqual(-1e-4);
      });
      check(spec, KERNEL_CHECKS.finite, () => {
        const { values } = computeMatrix(create(), x, n);
        expect(values.every(Number.isFinite), `${label}: every entry finite`).toBe(true);
      });
      check(spec, KERNEL_CHECKS.leaks, () => {
        const kernel = create();
        const xs = tf.tensor2d(x, [n, CONFORMANCE_FEATURE_COUNT]);
        expectNoLeakedTensors(label, () => kernel.compute(xs), 1);
        xs.dispose();
      });
    });
  });
}
