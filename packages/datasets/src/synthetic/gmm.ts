import { DataError, defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { drawCategorical } from '../sampling/categorical.js';
import { cholesky } from '../sampling/cholesky.js';
import { writeGaussian } from '../sampling/gaussian.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, default: 500, description: 'number of samples' }),
    means: Type.Array(Type.Array(Type.Number(), { minItems: 1 }), { minItems: 1, description: 'one mean per component' }),
    covariances: Type.Array(Type.Array(Type.Array(Type.Number(), { minItems: 1 }), { minItems: 1 }), {
      minItems: 1,
      description: 'one full d × d covariance matrix per component',
    }),
    proportions: Type.Optional(
      Type.Array(Type.Number({ minimum: 0 }), { minItems: 1, description: 'mixing proportions summing to 1 (default: equal)' }),
    ),
  },
  { additionalProperties: false },
);

/** Tolerance on the sum of the proportions, which config files write with a few decimals. */
const SUM_TOLERANCE = 1e-6;

/** A Gaussian mixture with user-given means, full covariances (sampled via Cholesky) and proportions. */
export const gmm = defineDataset({
  name: 'gmm',
  description: 'Gaussian mixture with given means, full covariances and proportions',
  schema,
  testParams: [
    {
      n: 300,
      means: [
        [0, 0],
        [6, 6],
      ],
      covariances: [
        [
          [1, 0.5],
          [0.5, 1],
        ],
        [
          [2, 0],
          [0, 0.5],
        ],
      ],
      proportions: [0.3, 0.7],
    },
  ],
  create(params, ctx) {
    const components = params.means.length;
    const features = (params.means[0] as number[]).length;
    const proportions = params.proportions ?? new Array<number>(components).fill(1 / components);
    checkShapes(params.means, params.covariances, proportions, features);
    const lowers = params.covariances.map((covariance, k) => {
      const lower = cholesky(covariance);
      if (!lower) throw new DataError(`gmm component ${k}: dataset.covariances[${k}] is not symmetric positive definite`);
      return lower;
    });
    const y = drawCategorical(ctx.rng, params.n, proportions);
    const x = new Float32Array(params.n * features);
    for (let i = 0; i < params.n; i++) {
      const k = y[i] as number;
      writeGaussian(ctx.rng, params.means[k] as number[], lowers[k] as Float64Array, x, i * features);
    }
    return makeDataSet({ name: 'gmm', source: 'synthetic', x, sampleShape: [features], y, classes: components });
  },
});

function checkShapes(
  means: readonly (readonly number[])[],
  covariances: readonly (readonly (readonly number[])[])[],
  proportions: readonly number[],
  features: number,
): void {
  const components = means.length;
  if (covariances.length !== components) {
    throw new DataError(`gmm: ${components} means but ${covariances.length} covariances (dataset.covariances)`);
  }
  if (proportions.length !== components) {
    throw new DataError(`gmm: ${components} means but ${proportions.length} proportions (dataset.proportions)`);
  }
  means.forEach((mean, k) => {
    if (mean.length !== features) {
      throw new DataError(`gmm component ${k}: dataset.means[${k}] has ${mean.length} coordinates, expected ${features}`);
    }
    const covariance = covariances[k] as readonly (readonly number[])[];
    if (covariance.length !== features || covariance.some((row) => row.length !== features)) {
      throw new DataError(`gmm component ${k}: dataset.covariances[${k}] must be a ${features}×${features} matrix`);
    }
  });
  const sum = proportions.reduce((total, p) => total + p, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new DataError(`gmm: dataset.proportions sum to ${sum}, expected 1`);
  }
}
