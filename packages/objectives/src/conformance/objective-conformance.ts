import {
  type AnyPluginSpec,
  type BackendName,
  initBackend,
  type Objective,
  type PluginConfig,
  type Tensor2D,
  tf,
} from '@gemlab/core';
import { expectNoLeakedTensors } from '@gemlab/core/testing';
import { beforeAll, describe, expect } from 'vitest';
import { check } from './check.js';
import { createFromConfig, forEachParamSet } from './conformance-registry.js';
import { finiteDifferenceGradient } from './finite-differences.js';
import { oneHotRows, randomValues, softmaxRows } from './fixtures.js';

/** The names of the objective checks, as keys for a plugin's `expectedFailures`. */
export const OBJECTIVE_CHECKS = {
  gradient: 'matches finite differences through softmax',
  emptyCluster: 'ignores an empty cluster column',
  independent: 'is 0 when every row of p is equal',
  clustering: 'is positive for a clear clustering',
  k2Identity: 'K = 2: one-vs-all equals one-vs-one',
  oneHot: 'stays finite for one-hot p',
  duplicates: 'stays finite for duplicate points',
  singleSample: 'stays finite for N = 1',
  fewerSamplesThanClusters: 'stays finite for N < K',
  leaks: 'leaves no tensor behind',
  jsonParams: 'is determined by its JSON params',
  replicas: 'evaluateReplicas (when present) equals evaluate on each replica',
} as const;

export interface ObjectiveConformanceOptions {
  /**
   * Where K = 2 one-vs-all equals one-vs-one (IPMs: TV, MMD, Wasserstein with a metric cost):
   * true for every param set, or a predicate of the resolved config. Needs a `mode` param.
   */
  readonly k2OvaEqualsOvo?: boolean | ((config: PluginConfig) => boolean);
  /** Plugins the objective's params may name besides the built-in kernels and distances. */
  readonly plugins?: readonly AnyPluginSpec[];
  /** Backend to run on, initialised in beforeAll; default: the active one. */
  readonly backend?: BackendName;
}

/** One evaluation setting: p (N×K, row-major) and the samples the affinity is built from. */
interface Case {
  readonly p: Float32Array;
  readonly n: number;
  readonly k: number;
  readonly x: Float32Array;
  readonly features: number;
}

/**
 * The contract of `Objective` (core/src/contracts/objective.ts) as vitest checks, for every
 * `testParams` set of the spec (its defaults when it has none), with params defaulted by the
 * composed schema exactly as the runner does. Runs on the active backend unless `backend` is set.
 */
export function describeObjectiveConformance(spec: AnyPluginSpec, options: ObjectiveConformanceOptions = {}): void {
  describe(`objective '${spec.name}' conformance`, () => {
    const backend = options.backend;
    if (backend) beforeAll(async () => void (await initBackend(backend)));
    forEachParamSet(spec, options.plugins, (registry, config) => {
      const create = (c: PluginConfig = config) => createFromConfig(registry, 'objective', c);
      describeChecks(spec, config, create, options);
    });
  });
}

function describeChecks(
  spec: AnyPluginSpec,
  config: PluginConfig,
  create: (config?: PluginConfig) => Objective,
  options: ObjectiveConformanceOptions,
): void {
  const label = `objective '${spec.name}'`;

  check(spec, OBJECTIVE_CHECKS.gradient, () => {
    const objective = create();
    const { n, k, x, features } = randomCase(1, 6, 3);
    const logits = randomValues(2, n, k, (rng) => rng.normal(0, 1));
    withAffinity(objective, x, n, features, (affinity) => {
      const valueAt = (values: Float32Array) =>
        tf.tidy(() => objective.evaluate(tf.softmax(tf.tensor2d(values, [n, k])), affinity).dataSync()[0] as number);
      const autodiff = tf.tidy(() =>
        tf
          .grad((l: tf.Tensor) => objective.evaluate(tf.softmax(l as Tensor2D), affinity))(tf.tensor2d(logits, [n, k]))
          .dataSync(),
      );
      const numeric = finiteDifferenceGradient(valueAt, logits);
      const scale = Math.max(1, ...Array.from(numeric, Math.abs));
      numeric.forEach((expected, i) => {
        expect(Math.abs((autodiff[i] as number) - expected), `${label}: ∂/∂logit[${i}]`).toBeLessThanOrEqual(1e-3 * scale);
      });
    });
  });

  check(spec, OBJECTIVE_CHECKS.emptyCluster, () => {
    const objective = create();
    const base = randomCase(3, 6, 3);
    const widened = appendZeroColumn(base);
    const before = evaluateCase(objective, base);
    const after = evaluateCase(objective, widened);
    expect(Math.abs(after - before), `${label}: value with an empty cluster appended`).toBeLessThanOrEqual(
      1e-5 * Math.max(1, Math.abs(before)),
    );
    const gradient = gradientCase(objective, widened);
    for (let i = 0; i < widened.n; i++) {
      expect(
        Math.abs(gradient[i * widened.k + base.k] as number),
        `${label}: gradient of the empty column, row ${i + 1}`,
      ).toBeLessThanOrEqual(1e-6);
    }
  });

  check(spec, OBJECTIVE_CHECKS.independent, () => {
    const objective = create();
    const row = softmaxRows(
      randomValues(4, 1, 3, (rng) => rng.normal(0, 1)),
      1,
      3,
    );
    const base = randomCase(5, 8, 3);
    const p = Float32Array.from({ length: base.n * 3 }, (_, i) => row[i % 3] as number);
    expect(Math.abs(evaluateCase(objective, { ...base, p })), `${label} with every row of p equal`).toBeLessThanOrEqual(1e-6);
  });

  check(spec, OBJECTIVE_CHECKS.clustering, () => {
    const objective = create();
    const labels = [0, 0, 0, 0, 1, 1, 1, 1];
    const x = Float32Array.from(separatedBlobs(labels));
    const value = evaluateCase(objective, { p: oneHotRows(labels, 2), n: 8, k: 2, x, features: 2 });
    expect(value, `${label} for a one-hot clustering of two separated blobs`).toBeGreaterThan(1e-3);
  });

  const identity = options.k2OvaEqualsOvo;
  const identityHolds = typeof identity === 'function' ? identity(config) : identity === true;
  if (identityHolds && 'mode' in config) {
    check(spec, OBJECTIVE_CHECKS.k2Identity, () => {
      const withMode = (mode: string) => create({ ...config, mode });
      const c = randomCase(6, 8, 2);
      const ova = evaluateCase(withMode('ova'), c);
      const ovo = evaluateCase(withMode('ovo'), c);
      expect(Math.abs(ova - ovo), `${label}: OvA ${ova} vs OvO ${ovo} at K = 2`).toBeLessThanOrEqual(
        1e-5 * Math.max(1e-3, Math.abs(ova)),
      );
    });
  }

  const expectFinite = (c: Case, what: string) => {
    const objective = create();
    const value = evaluateCase(objective, c);
    expect(Number.isFinite(value), `${label} value for ${what}: ${value}`).toBe(true);
    const gradient = gradientCase(objective, c);
    const bad = Array.from(gradient).findIndex((g) => !Number.isFinite(g));
    expect(bad, `${label} gradient for ${what} is not finite at entry ${bad}`).toBe(-1);
  };
  check(spec, OBJECTIVE_CHECKS.oneHot, () => {
    expectFinite({ ...randomCase(7, 6, 3), p: oneHotRows([0, 1, 2, 0, 1, 1], 3) }, 'one-hot p');
  });
  check(spec, OBJECTIVE_CHECKS.duplicates, () => {
    const c = randomCase(8, 6, 3);
    expectFinite(
      { ...c, x: Float32Array.from({ length: c.x.length }, (_, i) => c.x[i % c.features] as number) },
      'duplicate points',
    );
  });
  check(spec, OBJECTIVE_CHECKS.singleSample, () => expectFinite(randomCase(9, 1, 3), 'N = 1'));
  check(spec, OBJECTIVE_CHECKS.fewerSamplesThanClusters, () => expectFinite(randomCase(10, 2, 5), 'N = 2 < K = 5'));

  check(spec, OBJECTIVE_CHECKS.leaks, () => {
    const objective = create();
    const c = randomCase(11, 6, 3);
    withAffinity(objective, c.x, c.n, c.features, (affinity) => {
      const p = tf.tensor2d(c.p, [c.n, c.k]);
      expectNoLeakedTensors(label, () => objective.evaluate(p, affinity), 1);
      p.dispose();
    });
  });

  check(spec, OBJECTIVE_CHECKS.replicas, () => {
    const objective = create();
    if (!objective.evaluateReplicas) return; // optional: a batched trainer then loops over replicas
    // Three replicas of N = 6, K = 4; the last has an empty cluster (a replica of smaller K, masked).
    const cases = [randomCase(21, 6, 4), randomCase(22, 6, 4), appendZeroColumn(randomCase(23, 6, 3))];
    const separate = cases.map((c) => ({ value: evaluateCase(objective, c), gradient: gradientCase(objective, c) }));
    const { n, k } = cases[0] as Case;
    const stackedP = tf.tensor3d(Float32Array.from(cases.flatMap((c) => Array.from(c.p))), [cases.length, n, k]);
    const affinities = cases.map((c) =>
      withAffinity(objective, c.x, c.n, c.features, (affinity) => (affinity ? tf.keep(affinity.clone()) : undefined)),
    );
    const stackedAffinity = affinities[0] ? (tf.stack(affinities as Tensor2D[]) as tf.Tensor3D) : undefined;
    try {
      const evaluateAll = objective.evaluateReplicas.bind(objective);
      const values = tf.tidy(() => evaluateAll(stackedP, stackedAffinity).dataSync());
      const gradient = tf.tidy(
        () =>
          tf
            .grad((p: tf.Tensor) => tf.sum(evaluateAll(p as tf.Tensor3D, stackedAffinity)))(stackedP)
            .dataSync() as Float32Array,
      );
      expect(values.length, `${label}: one value per replica`).toBe(cases.length);
      separate.forEach(({ value, gradient: own }, r) => {
        expect(Math.abs((values[r] as number) - value), `${label}: replica ${r} value`).toBeLessThanOrEqual(
          1e-5 * Math.max(1, Math.abs(value)),
        );
        own.forEach((g, i) => {
          expect(Math.abs((gradient[r * n * k + i] as number) - g), `${label}: replica ${r} gradient ${i}`).toBeLessThanOrEqual(
            1e-4 * Math.max(1, Math.abs(g)),
          );
        });
      });
    } finally {
      tf.dispose([
        stackedP,
        ...(stackedAffinity ? [stackedAffinity] : []),
        ...affinities.filter((a): a is Tensor2D => a !== undefined),
      ]);
    }
  });

  check(spec, OBJECTIVE_CHECKS.jsonParams, () => {
    const c = randomCase(12, 6, 3);
    const again = create(JSON.parse(JSON.stringify(config)) as PluginConfig);
    expect(evaluateCase(again, c)).toBe(evaluateCase(create(), c));
  });
}

/** N samples in 2-d and soft p over K clusters from moderate logits, seeded. */
function randomCase(seed: number, n: number, k: number): Case {
  const logits = randomValues(seed, n, k, (rng) => rng.normal(0, 1));
  return { p: softmaxRows(logits, n, k), n, k, x: randomValues(seed + 1000, n, 2, (rng) => rng.normal(0, 1)), features: 2 };
}

function appendZeroColumn(c: Case): Case {
  const k = c.k + 1;
  const p = new Float32Array(c.n * k);
  for (let i = 0; i < c.n; i++) p.set(c.p.subarray(i * c.k, (i + 1) * c.k), i * k);
  return { ...c, p, k };
}

/** Points around (−5, 0) for label 0 and (5, 0) for label 1, jittered by ±0.1. */
function separatedBlobs(labels: readonly number[]): number[] {
  const jitter = randomValues(13, labels.length, 2, (rng) => rng.uniform(-0.1, 0.1));
  return labels.flatMap((label, i) => [(label === 0 ? -5 : 5) + (jitter[2 * i] as number), jitter[2 * i + 1] as number]);
}

/** Runs `body` with the objective's affinity of x (undefined when it needs none), then disposes it. */
function withAffinity<T>(
  objective: Objective,
  x: Float32Array,
  n: number,
  features: number,
  body: (affinity?: Tensor2D) => T,
): T {
  if (objective.affinity === 'none' || !objective.affinityFunction) return body(undefined);
  const samples = tf.tensor2d(x, [n, features]);
  const affinity = objective.affinityFunction.compute(samples);
  samples.dispose();
  try {
    return body(affinity);
  } finally {
    affinity.dispose();
  }
}

function evaluateCase(objective: Objective, c: Case): number {
  return withAffinity(objective, c.x, c.n, c.features, (affinity) =>
    tf.tidy(() => objective.evaluate(tf.tensor2d(c.p, [c.n, c.k]), affinity).dataSync()[0] as number),
  );
}

/** ∂ evaluate / ∂ p, row-major. */
function gradientCase(objective: Objective, c: Case): Float32Array {
  return withAffinity(objective, c.x, c.n, c.features, (affinity) =>
    tf.tidy(
      () =>
        tf
          .grad((p: tf.Tensor) => objective.evaluate(p as Tensor2D, affinity))(tf.tensor2d(c.p, [c.n, c.k]))
          .dataSync() as Float32Array,
    ),
  );
}
