import {
  ConfigError,
  createPluginContext,
  DataError,
  definePluginModule,
  initBackend,
  type Objective,
  PluginRegistry,
  SectionValidator,
  SeededRng,
  type Tensor2D,
  tf,
} from '@gemlab/core';
import { availableBackends, expectNoLeakedTensors, runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { euclidean } from '../distances/euclidean.js';
import { solveEmd } from '../optimal-transport/network-simplex.js';
import { describeObjectiveConformance } from '../testing.js';
import { wasserstein } from './wasserstein.js';

const backends = await availableBackends();

const registry = new PluginRegistry([definePluginModule('wasserstein.spec', [wasserstein, euclidean])]);
const validator = new SectionValidator(registry);

/** The objective as the runner builds it: params validated and defaulted by the schema. */
function createWasserstein(params: Record<string, unknown> = {}, seed = 0): Objective {
  const config = validator.plugin('objective', { name: 'wasserstein', ...params }, 'objective');
  return registry.create('objective', config, createPluginContext(registry, new SeededRng(seed), process.cwd()));
}

/** Row-major N×K soft assignments from random logits (float64 softmax, rounded to float32). */
function randomAssignments(rng: SeededRng, n: number, k: number, sharpness = 2): Float32Array {
  const p = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const logits = Array.from({ length: k }, () => sharpness * rng.normal());
    const total = logits.reduce((s, l) => s + Math.exp(l), 0);
    logits.forEach((l, c) => {
      p[i * k + c] = Math.exp(l) / total;
    });
  }
  return p;
}

function randomPoints(rng: SeededRng, n: number, d: number): Float32Array {
  return Float32Array.from({ length: n * d }, () => rng.normal());
}

interface Batch {
  readonly p: Float32Array;
  readonly x: Float32Array;
  readonly n: number;
  readonly k: number;
  readonly d: number;
}

function evaluate(objective: Objective, batch: Batch): number {
  return tf.tidy(() => {
    const x = tf.tensor2d(batch.x, [batch.n, batch.d]);
    const cost = objective.affinityFunction!.compute(x);
    return objective.evaluate(tf.tensor2d(batch.p, [batch.n, batch.k]), cost).dataSync()[0] as number;
  });
}

function gradient(objective: Objective, batch: Batch): Float32Array {
  return tf.tidy(() => {
    const cost = objective.affinityFunction!.compute(tf.tensor2d(batch.x, [batch.n, batch.d]));
    const grad = tf.grad((p) => objective.evaluate(p as Tensor2D, cost));
    return grad(tf.tensor2d(batch.p, [batch.n, batch.k])).dataSync() as Float32Array;
  });
}

/** A float64 transcription of the estimators (gemini-math.md), on the solver directly. */
function referenceValue(p: ArrayLike<number>, cost: Float64Array, n: number, k: number, mode: 'ova' | 'ovo', epsilon = 1e-12) {
  const clipped = Float64Array.from({ length: n * k }, (_, e) => Math.min(1 - epsilon, Math.max(epsilon, p[e] as number)));
  const proportions = Array.from({ length: k }, (_, c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += clipped[i * k + c] as number;
    return s / n;
  });
  const law = (c: number) =>
    Float64Array.from({ length: n }, (_, i) => (clipped[i * k + c] as number) / (n * (proportions[c] as number)));
  const uniform = new Float64Array(n).fill(1 / n);
  let value = 0;
  for (let c = 0; c < k; c++) {
    if (mode === 'ova') value += (proportions[c] as number) * solveEmd(law(c), uniform, cost).cost;
    else {
      for (let l = 0; l < k; l++) {
        if (l !== c) value += (proportions[c] as number) * (proportions[l] as number) * solveEmd(law(c), law(l), cost).cost;
      }
    }
  }
  return value;
}

function costOf(objective: Objective, batch: Batch): Float64Array {
  const values = tf.tidy(
    () => objective.affinityFunction!.compute(tf.tensor2d(batch.x, [batch.n, batch.d])).dataSync() as Float32Array,
  );
  return Float64Array.from(values);
}

/** Random batches and their float64 POT values, computed once for every backend (Python starts slowly). */
const potReference = memoize(() => {
  const rng = new SeededRng(42);
  const cases = [
    { n: 40, k: 3, d: 2, sharpness: 2 },
    { n: 25, k: 5, d: 3, sharpness: 4 },
  ].map(({ n, k, d, sharpness }) => ({ n, k, d, p: randomAssignments(rng, n, k, sharpness), x: randomPoints(rng, n, d) }));
  const reference = runPython<{ ova: number; ovo: number }[]>(
    `
import json, sys
import numpy as np, ot
out = []
for c in json.load(sys.stdin):
  n, k, d = c['n'], c['k'], c['d']
  x = np.array(c['x'], dtype=np.float64).reshape(n, d)
  D = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
  p = np.clip(np.array(c['p'], dtype=np.float64).reshape(n, k), 1e-12, 1 - 1e-12)
  pi = p.mean(0)
  w = np.ascontiguousarray((p / (n * pi)).T)
  u = np.full(n, 1.0 / n)
  ova = sum(pi[a] * ot.emd2(w[a], u, D) for a in range(k))
  ovo = sum(pi[a] * pi[b] * ot.emd2(w[a], w[b], D) for a in range(k) for b in range(k) if a != b)
  out.append({'ova': float(ova), 'ovo': float(ovo)})
print(json.dumps(out))
`,
    cases.map((c) => ({ ...c, p: [...c.p], x: [...c.x] })),
  );
  return { cases, reference };
});

function memoize<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= compute();
    return value;
  };
}

describe('wasserstein plugin', () => {
  it('declares a distance affinity built by its distance param (euclidean by default)', () => {
    const objective = createWasserstein();
    expect(objective.affinity).toBe('distance');
    const cost = tf.tidy(() => objective.affinityFunction!.compute(tf.tensor2d([0, 0, 3, 4], [2, 2])).arraySync());
    expect(cost).toEqual([
      [0, 5],
      [5, 0],
    ]);
  });

  it('validates its params: mode, epsilon, pairs', () => {
    expect(() => createWasserstein({ mode: 'ovr' })).toThrow(ConfigError);
    expect(() => createWasserstein({ epsilon: 0 })).toThrow(/objective.epsilon/);
    expect(() => createWasserstein({ mode: 'ovo', pairs: 0 })).toThrow(/objective.pairs/);
    expect(() => createWasserstein({ mode: 'ovo', pairs: 1.5 })).toThrow(/objective.pairs/);
    expect(() => createWasserstein({ distance: { name: 'nope' } })).toThrow(/unknown distance 'nope'/);
  });

  it('rejects a missing or mis-sized cost matrix with a DataError', () => {
    const objective = createWasserstein();
    const p = tf.tensor2d([0.5, 0.5, 0.2, 0.8], [2, 2]);
    expect(() => objective.evaluate(p)).toThrow(DataError);
    const wrong = tf.zeros([3, 3]) as Tensor2D;
    expect(() => objective.evaluate(p, wrong)).toThrow(DataError);
    tf.dispose([p, wrong]);
  });
});

describe.each(backends)('wasserstein GEMINI on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('gives the hand-computed value for two clusters on a line, in both modes', () => {
    // x = 0, 1, 10, 11; p one-hot {0, 1} | {2, 3}: π = (½, ½), w_1 = (½, ½, 0, 0), w_2 = (0, 0, ½, ½).
    // In 1-D, EMD = ∫|F − G|. OvA: EMD(w_1, 𝟙/4) = 0.25·1 + 0.5·9 + 0.25·1 = 5, the same for w_2,
    // so OvA = ½·5 + ½·5 = 5. OvO: EMD(w_1, w_2) = 0.5·1 + 1·9 + 0.5·1 = 10, OvO = 2·¼·10 = 5.
    const batch: Batch = {
      p: Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]),
      x: Float32Array.from([0, 1, 10, 11]),
      n: 4,
      k: 2,
      d: 1,
    };
    expect(evaluate(createWasserstein({ mode: 'ova' }), batch)).toBeCloseTo(5, 5);
    expect(evaluate(createWasserstein({ mode: 'ovo' }), batch)).toBeCloseTo(5, 5);
  });

  it('matches a float64 POT reference (ot.emd2) in both modes', () => {
    const { cases, reference } = potReference();
    cases.forEach((batch, index) => {
      const expected = reference[index]!;
      const ova = evaluate(createWasserstein({ mode: 'ova' }), batch);
      const ovo = evaluate(createWasserstein({ mode: 'ovo' }), batch);
      expect(Math.abs(ova - expected.ova), `case ${index} ova ${ova} vs ${expected.ova}`).toBeLessThanOrEqual(
        1e-6 * expected.ova,
      );
      expect(Math.abs(ovo - expected.ovo), `case ${index} ovo ${ovo} vs ${expected.ovo}`).toBeLessThanOrEqual(
        1e-6 * expected.ovo,
      );
    });
  });

  it('has OvA = OvO for K = 2 with the euclidean cost (an IPM)', () => {
    const rng = new SeededRng(3);
    const batch: Batch = { p: randomAssignments(rng, 30, 2), x: randomPoints(rng, 30, 2), n: 30, k: 2, d: 2 };
    const ova = evaluate(createWasserstein({ mode: 'ova' }), batch);
    const ovo = evaluate(createWasserstein({ mode: 'ovo' }), batch);
    expect(ova).toBeGreaterThan(0.01);
    expect(Math.abs(ova - ovo)).toBeLessThanOrEqual(1e-6 * ova);
  });

  it('matches float64 finite differences of the estimator in p (both modes)', () => {
    // The float64 transcription is exact OT too; a tiny central step stays inside one optimal basis.
    const rng = new SeededRng(8);
    const n = 12;
    const k = 3;
    const batch: Batch = { p: randomAssignments(rng, n, k), x: randomPoints(rng, n, 2), n, k, d: 2 };
    for (const mode of ['ova', 'ovo'] as const) {
      const objective = createWasserstein({ mode });
      const cost = costOf(objective, batch);
      const autodiff = gradient(objective, batch);
      const direction = Float64Array.from({ length: n * k }, () => rng.normal());
      const h = 1e-7;
      const shifted = (s: number) => Float64Array.from(batch.p, (v, e) => v + s * (direction[e] as number));
      const numeric = (referenceValue(shifted(h), cost, n, k, mode) - referenceValue(shifted(-h), cost, n, k, mode)) / (2 * h);
      const analytic = Array.from(autodiff).reduce((s, g, e) => s + g * (direction[e] as number), 0);
      expect(Math.abs(numeric)).toBeGreaterThan(1e-2);
      expect(Math.abs(analytic - numeric), `${mode}: ${analytic} vs ${numeric}`).toBeLessThanOrEqual(1e-4 * Math.abs(numeric));
    }
  });

  it('is 0 when every row of p is equal, and unchanged by an empty cluster (zero gradient there)', () => {
    const rng = new SeededRng(4);
    const n = 20;
    const row = randomAssignments(rng, 1, 3);
    const x = randomPoints(rng, n, 2);
    const same: Batch = { p: Float32Array.from({ length: n * 3 }, (_, e) => row[e % 3] as number), x, n, k: 3, d: 2 };
    const soft: Batch = { p: randomAssignments(rng, n, 3), x, n, k: 3, d: 2 };
    const widened: Batch = {
      ...soft,
      k: 4,
      p: Float32Array.from({ length: n * 4 }, (_, e) => (e % 4 === 3 ? 0 : (soft.p[(e >> 2) * 3 + (e % 4)] as number))),
    };
    for (const mode of ['ova', 'ovo'] as const) {
      const objective = createWasserstein({ mode });
      expect(Math.abs(evaluate(objective, same))).toBeLessThanOrEqual(1e-6);
      const before = evaluate(objective, soft);
      const after = evaluate(objective, widened);
      expect(Math.abs(after - before)).toBeLessThanOrEqual(1e-6 * before);
      const grad = gradient(objective, widened);
      expect(grad.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < n; i++) expect(grad[i * 4 + 3]).toBe(0);
      expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    }
  });

  it('samples OvO pairs without bias: each draw is one rescaled pair, and every pair is drawn', () => {
    // K = 4 has 6 pairs. With pairs = 1 an evaluation is 6 · 2π_kπ_l EMD(w_k, w_l) for one pair
    // {k, l}; the mean over the 6 pairs is the full OvO value, so the estimate is unbiased.
    const rng = new SeededRng(6);
    const n = 16;
    const k = 4;
    const batch: Batch = { p: randomAssignments(rng, n, k), x: randomPoints(rng, n, 2), n, k, d: 2 };
    const full = evaluate(createWasserstein({ mode: 'ovo' }), batch);
    expect(evaluate(createWasserstein({ mode: 'ovo', pairs: 6 }), batch)).toBe(full);
    expect(evaluate(createWasserstein({ mode: 'ovo', pairs: 50 }), batch)).toBe(full);

    const cost = costOf(createWasserstein(), batch);
    const proportions = Array.from({ length: k }, (_, c) => batch.p.filter((_, e) => e % k === c).reduce((s, v) => s + v, 0) / n);
    const law = (c: number) =>
      Float64Array.from({ length: n }, (_, i) => (batch.p[i * k + c] as number) / (n * (proportions[c] as number)));
    const pairTerms: number[] = [];
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++)
        pairTerms.push(6 * 2 * (proportions[a] as number) * (proportions[b] as number) * solveEmd(law(a), law(b), cost).cost);
    }
    expect(pairTerms.reduce((s, t) => s + t, 0) / 6).toBeCloseTo(full, 5);

    const sampled = createWasserstein({ mode: 'ovo', pairs: 1 }, 9);
    const seen = new Set<number>();
    const draws = Array.from({ length: 40 }, () => evaluate(sampled, batch));
    for (const draw of draws) {
      const pair = pairTerms.findIndex((term) => Math.abs(term - draw) <= 1e-5 * term);
      expect(pair, `draw ${draw} is not one rescaled pair term`).toBeGreaterThanOrEqual(0);
      seen.add(pair);
    }
    expect(seen.size).toBe(6);
    // seeded: the same seed draws the same pairs, another seed other ones
    const again = createWasserstein({ mode: 'ovo', pairs: 1 }, 9);
    expect(Array.from({ length: 40 }, () => evaluate(again, batch))).toEqual(draws);
    const other = createWasserstein({ mode: 'ovo', pairs: 1 }, 10);
    expect(Array.from({ length: 40 }, () => evaluate(other, batch))).not.toEqual(draws);
  });

  it('leaves no tensor behind, forward or backward', () => {
    const rng = new SeededRng(12);
    const batch: Batch = { p: randomAssignments(rng, 10, 3), x: randomPoints(rng, 10, 2), n: 10, k: 3, d: 2 };
    for (const params of [{ mode: 'ova' }, { mode: 'ovo' }, { mode: 'ovo', pairs: 2 }]) {
      const objective = createWasserstein(params);
      const x = tf.tensor2d(batch.x, [batch.n, batch.d]);
      const cost = objective.affinityFunction!.compute(x);
      const p = tf.tensor2d(batch.p, [batch.n, batch.k]);
      expectNoLeakedTensors(`wasserstein ${params.mode}`, () => objective.evaluate(p, cost), 1);
      expectNoLeakedTensors(
        `wasserstein ${params.mode} gradient`,
        () => tf.grad((q) => objective.evaluate(q as Tensor2D, cost))(p),
        1,
      );
      tf.dispose([x, cost, p]);
    }
  });
});

for (const backend of backends) {
  describe(`on ${backend}`, () => {
    describeObjectiveConformance(wasserstein, { backend, k2OvaEqualsOvo: true });
  });
}
