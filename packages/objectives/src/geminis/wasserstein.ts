import { defineObjective, pluginRef, type Scalar, type SeededRng, type Tensor1D, type Tensor2D, Type, tf } from '@gemlab/core';
import { type CostMatrix, emdWithCost, readCostMatrix } from '../optimal-transport/emd-op.js';
import { epsilonSchema, geminiObjective, modeSchema } from './gemini-objective.js';
import type { LawDivergence } from './law-divergence.js';

/**
 * The exact 1-Wasserstein distance (earth mover's distance) between laws on the batch under
 * the batch cost matrix: one network-simplex solve per pair, differentiated through the dual
 * potentials (see optimal-transport/emd-op.ts). Exact, not Sinkhorn: entropic smoothing would
 * change the objective.
 *
 * For OvO (a === b) only the pairs k < l are solved and mirrored, since a distance matrix is
 * symmetric and so EMD(a_k, a_l) = EMD(a_l, a_k); the diagonal is 0. With `pairs` = M below
 * K(K−1)/2, each call solves M pairs drawn without replacement and scales them by K(K−1)/(2M):
 * an unbiased estimate of the full sum (the paper code's option for large K).
 */
export function wassersteinDivergence(pairs: number | undefined, rng: SeededRng): LawDivergence {
  return (a, b, cost) => {
    if (!cost) throw new Error('wasserstein needs the batch cost matrix');
    const matrix = readCostMatrix(cost);
    const columnsA = tf.unstack(a, 1) as Tensor1D[];
    if (a === b) return pairwiseWithin(columnsA, matrix, pairs, rng);
    const columnsB = tf.unstack(b, 1) as Tensor1D[];
    const entries = columnsA.flatMap((lawA) => columnsB.map((lawB) => emdWithCost(lawA, lawB, matrix)));
    return tf.stack(entries).reshape([columnsA.length, columnsB.length]) as Tensor2D;
  };
}

function pairwiseWithin(laws: readonly Tensor1D[], cost: CostMatrix, pairs: number | undefined, rng: SeededRng): Tensor2D {
  const k = laws.length;
  const all = unorderedPairs(k);
  const chosen = pairs === undefined || pairs >= all.length ? all : sample(all, pairs, rng);
  const scale = chosen.length === 0 ? 1 : all.length / chosen.length;
  const entries: Scalar[] = Array.from({ length: k * k }, () => tf.scalar(0));
  for (const [first, second] of chosen) {
    const distance = emdWithCost(laws[first] as Tensor1D, laws[second] as Tensor1D, cost);
    const scaled = scale === 1 ? distance : tf.mul(distance, scale);
    entries[first * k + second] = scaled as Scalar;
    entries[second * k + first] = scaled as Scalar;
  }
  return tf.stack(entries).reshape([k, k]) as Tensor2D;
}

function unorderedPairs(k: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let first = 0; first < k; first++) for (let second = first + 1; second < k; second++) pairs.push([first, second]);
  return pairs;
}

/** `count` distinct items, by a partial Fisher–Yates shuffle drawn from `rng`. */
function sample<T>(items: readonly T[], count: number, rng: SeededRng): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

export const wasserstein = defineObjective({
  name: 'wasserstein',
  description: 'Wasserstein GEMINI: exact optimal transport under a distance (an IPM for a metric: ova = ovo for K = 2)',
  schema: Type.Object({
    mode: modeSchema(),
    epsilon: epsilonSchema(),
    distance: pluginRef('distance', { default: { name: 'euclidean' }, description: 'the ground cost c(x, y) of the transport' }),
    pairs: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'ovo only: cluster pairs solved per evaluation, sampled and rescaled (unbiased); all K(K−1)/2 when absent',
      }),
    ),
  }),
  create: (params, ctx) =>
    geminiObjective('wasserstein', params, wassersteinDivergence(params.pairs, ctx.rng.derive('wasserstein-pairs')), {
      kind: 'distance',
      build: ctx.create('distance', params.distance),
    }),
  testParams: [
    { mode: 'ova', distance: { name: 'euclidean' } },
    { mode: 'ovo', distance: { name: 'euclidean' } },
  ],
});
