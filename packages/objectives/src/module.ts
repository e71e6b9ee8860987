import { type AnyPluginSpec, definePluginModule } from '@gemlab/core';
import { chebyshev } from './distances/chebyshev.js';
import { cosineDistance } from './distances/cosine.js';
import { euclidean } from './distances/euclidean.js';
import { graphHops } from './distances/graph-hops.js';
import { manhattan } from './distances/manhattan.js';
import { precomputedDistance } from './distances/precomputed.js';
import { sqeuclidean } from './distances/sqeuclidean.js';
import { chi2 } from './geminis/chi2.js';
import { hellinger } from './geminis/hellinger.js';
import { kl } from './geminis/kl.js';
import { mi } from './geminis/mi.js';
import { mmd } from './geminis/mmd.js';
import { tv } from './geminis/tv.js';
import { wasserstein } from './geminis/wasserstein.js';
import { additiveChi2 } from './kernels/additive-chi2.js';
import { chi2 as chi2Kernel } from './kernels/chi2.js';
import { cosine } from './kernels/cosine.js';
import { laplacian } from './kernels/laplacian.js';
import { linear } from './kernels/linear.js';
import { polynomial } from './kernels/polynomial.js';
import { precomputedKernel } from './kernels/precomputed.js';
import { rbf } from './kernels/rbf.js';
import { sigmoid } from './kernels/sigmoid.js';

// The one list of this package's plugins. A new GEMINI, kernel or distance: one file, one line here.

export const builtinObjectives: readonly AnyPluginSpec[] = [mi, kl, tv, hellinger, chi2, mmd, wasserstein];

export const builtinKernels: readonly AnyPluginSpec[] = [
  linear,
  rbf,
  laplacian,
  polynomial,
  sigmoid,
  cosine,
  chi2Kernel,
  additiveChi2,
  precomputedKernel,
];

export const builtinDistances: readonly AnyPluginSpec[] = [
  euclidean,
  sqeuclidean,
  manhattan,
  cosineDistance,
  chebyshev,
  precomputedDistance,
  graphHops,
];

export const objectivesModule = definePluginModule('@gemlab/objectives', [
  ...builtinObjectives,
  ...builtinKernels,
  ...builtinDistances,
]);
