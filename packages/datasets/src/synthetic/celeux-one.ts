import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { drawCategorical } from '../sampling/categorical.js';

const INFORMATIVE = 5;

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, default: 300, description: 'number of samples' }),
    p: Type.Integer({ minimum: 0, default: 20, description: 'number of uninformative N(0, 1) variables appended' }),
    mu: Type.Number({ exclusiveMinimum: 0, default: 1.7, description: 'the component means are mu·1, -mu·1 and 0 in 5-D' }),
  },
  { additionalProperties: false },
);

/**
 * Celeux et al. (2014), section 3.1, as gemclus generates it: a balanced mixture of three
 * N(m_k, I_5) with m = (mu·1, -mu·1, 0), labels drawn independently, followed by p
 * independent N(0, 1) noise variables.
 */
export const celeuxOne = defineDataset({
  name: 'celeux-one',
  description: 'Celeux et al. variable-selection benchmark 1: 3 Gaussians in 5-D plus p noise variables',
  schema,
  testParams: [{ n: 150 }, { n: 60, p: 0, mu: 3 }],
  create(params, ctx) {
    const features = INFORMATIVE + params.p;
    const means = [params.mu, -params.mu, 0];
    const y = drawCategorical(ctx.rng, params.n, [1 / 3, 1 / 3, 1 / 3]);
    const x = new Float32Array(params.n * features);
    for (let i = 0; i < params.n; i++) {
      const mean = means[y[i] as number] as number;
      for (let j = 0; j < INFORMATIVE; j++) x[i * features + j] = mean + ctx.rng.normal();
    }
    for (let i = 0; i < params.n; i++) {
      for (let j = INFORMATIVE; j < features; j++) x[i * features + j] = ctx.rng.normal();
    }
    return makeDataSet({ name: 'celeux-one', source: 'synthetic', x, sampleShape: [features], y, classes: 3 });
  },
});
