import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { countLabels } from '../sampling/categorical.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 4, default: 5000, description: 'number of samples' }),
    alpha: Type.Number({ exclusiveMinimum: 0, default: 5, description: 'the means are alpha·(±1, ±1)' }),
    df: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'degrees of freedom of the Student-t component' }),
  },
  { additionalProperties: false },
);

/** Unit-free corners of the four component means, scaled by alpha; the last one is the Student-t's. */
const CORNERS = [
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
] as const;

/**
 * The GEMINI paper's Gaussian/Student-t mixture: class counts drawn multinomially with
 * probability 1/4 each, samples sorted by class; classes 0-2 are N(mu_k, I) and class 3 is the
 * multivariate Student-t x = sqrt(df/u)·z + mu_4 with z ~ N(0, I) and u ~ chi2(df).
 */
export const gstm = defineDataset({
  name: 'gstm',
  description: "The GEMINI paper's mixture of three Gaussians and one Student-t in 2-D",
  schema,
  testParams: [{ n: 400 }, { n: 401, alpha: 2, df: 2 }],
  create(params, ctx) {
    const rng = ctx.rng;
    const draws = Int32Array.from({ length: params.n }, () => rng.int(4));
    const counts = countLabels(draws, 4);
    const x = new Float32Array(params.n * 2);
    const y = new Int32Array(params.n);
    let row = 0;
    counts.forEach((count, k) => {
      const [cx, cy] = CORNERS[k] as readonly [number, number];
      for (let i = 0; i < count; i++, row++) {
        const scale = k === 3 ? Math.sqrt(params.df / rng.chiSquared(params.df)) : 1;
        x[2 * row] = params.alpha * cx + scale * rng.normal();
        x[2 * row + 1] = params.alpha * cy + scale * rng.normal();
        y[row] = k;
      }
    });
    return makeDataSet({ name: 'gstm', source: 'synthetic', x, sampleShape: [2], y, classes: 4 });
  },
});
