// @gemlab/objectives — GEMINI objectives, the kernels and distances they use, and `gemlab score`.

export { chebyshev } from './distances/chebyshev.js';
export { cosineDistance } from './distances/cosine.js';
export { euclidean } from './distances/euclidean.js';
export { graphHops } from './distances/graph-hops.js';
export { manhattan } from './distances/manhattan.js';
export { precomputedDistance } from './distances/precomputed.js';
export { sqeuclidean } from './distances/sqeuclidean.js';
export { chi2 } from './geminis/chi2.js';
export {
  epsilonSchema,
  type GeminiAffinity,
  type GeminiParams,
  geminiObjective,
  modeSchema,
} from './geminis/gemini-objective.js';
export { hellinger } from './geminis/hellinger.js';
export { kl } from './geminis/kl.js';
export type { LawDivergence } from './geminis/law-divergence.js';
export { mi } from './geminis/mi.js';
export { mmd } from './geminis/mmd.js';
export { tv } from './geminis/tv.js';
export { wasserstein } from './geminis/wasserstein.js';
export { additiveChi2 } from './kernels/additive-chi2.js';
export { chi2 as chi2Kernel } from './kernels/chi2.js';
export { cosine as cosineKernel } from './kernels/cosine.js';
export { laplacian } from './kernels/laplacian.js';
export { linear } from './kernels/linear.js';
export { polynomial } from './kernels/polynomial.js';
export { precomputedKernel } from './kernels/precomputed.js';
export { rbf } from './kernels/rbf.js';
export { sigmoid } from './kernels/sigmoid.js';
export { builtinDistances, builtinKernels, builtinObjectives, objectivesModule } from './module.js';
export { type ScoreOptions, scoreProbabilities } from './score.js';

/** Names of the built-in plugins, for editor completion; any registered name is accepted. */
export type BuiltinObjectiveName = 'mi' | 'kl' | 'tv' | 'hellinger' | 'chi2' | 'mmd' | 'wasserstein' | (string & {});
export type BuiltinKernelName =
  | 'linear'
  | 'rbf'
  | 'laplacian'
  | 'polynomial'
  | 'sigmoid'
  | 'cosine'
  | 'chi2'
  | 'additive_chi2'
  | 'precomputed'
  | (string & {});
export type BuiltinDistanceName =
  | 'euclidean'
  | 'sqeuclidean'
  | 'manhattan'
  | 'cosine'
  | 'chebyshev'
  | 'precomputed'
  | 'graph-hops'
  | (string & {});
