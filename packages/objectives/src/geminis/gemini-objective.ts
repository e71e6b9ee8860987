import {
  type Affinity,
  DataError,
  type Objective,
  type Tensor,
  type Tensor1D,
  type Tensor2D,
  type Tensor3D,
  Type,
  tf,
} from '@gemlab/core';
import { clipProbabilities } from './clip.js';
import type { LawDivergence } from './law-divergence.js';
import { oneVsAll } from './one-vs-all.js';
import { oneVsOne } from './one-vs-one.js';

/** The `mode` param every GEMINI with both estimators takes. */
export function modeSchema() {
  return Type.Union([Type.Literal('ova'), Type.Literal('ovo')], {
    default: 'ova',
    description: "'ova': each cluster against the data, Σ π_k D_k; 'ovo': clusters against each other, Σ π_k π_l D_kl",
  });
}

/** The `epsilon` param: p is clipped to [ε, 1 − ε]. */
export function epsilonSchema() {
  return Type.Number({
    exclusiveMinimum: 0,
    exclusiveMaximum: 0.5,
    default: 1e-12,
    description: 'p is clipped to [ε, 1−ε]; clipped entries get a zero gradient',
  });
}

export interface GeminiParams {
  readonly mode: 'ova' | 'ovo';
  readonly epsilon: number;
}

/** The affinity a GEMINI's divergence needs, and the plugin instance that builds it. */
export interface GeminiAffinity {
  readonly kind: 'kernel' | 'distance';
  readonly build: Affinity;
}

/**
 * An Objective from a law divergence: evaluate clips p, then returns the OvA or OvO
 * expectation of the divergence, inside tf.tidy so only the scalar survives. With
 * `replicas` (a divergence that takes stacked batches, see LawDivergence) it also has
 * `evaluateReplicas`: the same formulas on [R, N, K] at once.
 */
export function geminiObjective(
  name: string,
  params: GeminiParams,
  divergence: LawDivergence,
  affinity?: GeminiAffinity,
  options: { readonly replicas?: boolean } = {},
): Objective {
  const estimate = params.mode === 'ovo' ? oneVsOne : oneVsAll;
  const evaluate = (p: Tensor2D, matrix?: Tensor2D) => {
    if (affinity) requireAffinity(name, affinity.kind, p, matrix);
    return tf.tidy(() => estimate(clipProbabilities(p, params.epsilon), divergence, matrix));
  };
  const evaluateReplicas = (p: Tensor3D, matrix?: Tensor3D) => {
    if (affinity) requireAffinity(name, affinity.kind, p, matrix);
    return tf.tidy(
      () =>
        estimate(
          clipProbabilities(p as Tensor as Tensor2D, params.epsilon),
          divergence,
          matrix as Tensor as Tensor2D,
        ) as Tensor as Tensor1D,
    );
  };
  const batched = options.replicas ? { evaluateReplicas } : {};
  return affinity
    ? { affinity: affinity.kind, affinityFunction: affinity.build, evaluate, ...batched }
    : { affinity: 'none', evaluate, ...batched };
}

/** The affinity must be N×N for a batch of N (R×N×N for R stacked batches). */
function requireAffinity(name: string, kind: string, p: Tensor, matrix: Tensor | undefined): void {
  const n = p.shape[p.rank - 2] as number;
  const expected = [...p.shape.slice(0, -2), n, n];
  const described = expected.join('×');
  if (!matrix) throw new DataError(`objective '${name}' needs the batch's ${described} ${kind} matrix; none was given`);
  if (matrix.shape.join('×') !== described) {
    throw new DataError(
      `objective '${name}' needs a ${described} ${kind} matrix for a batch of ${n}; got ${matrix.shape.join('×')}`,
    );
  }
}
