import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { shuffleRows } from '../sampling/shuffle-rows.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 2, default: 500, description: 'number of samples' }),
    noise: Type.Number({ minimum: 0, default: 0.05, description: 'sd of the Gaussian noise on each coordinate' }),
    factor: Type.Number({
      minimum: 0,
      exclusiveMaximum: 1,
      default: 0.5,
      description: 'radius of the inner circle relative to the outer (unit) one',
    }),
  },
  { additionalProperties: false },
);

/**
 * scikit-learn's make_circles: n//2 points at even angles (endpoint excluded) on the unit circle
 * (class 0), the rest on a circle of radius `factor` (class 1); shuffled, then noised.
 */
export const circles = defineDataset({
  name: 'circles',
  description: 'Two concentric circles (scikit-learn make_circles)',
  schema,
  testParams: [{ n: 200 }, { n: 201, noise: 0.1, factor: 0.8 }],
  create(params, ctx) {
    const outer = Math.floor(params.n / 2);
    const x = new Float32Array(params.n * 2);
    const y = new Int32Array(params.n);
    for (let i = 0; i < params.n; i++) {
      const inner = i >= outer;
      const count = inner ? params.n - outer : outer;
      const angle = (2 * Math.PI * (inner ? i - outer : i)) / count;
      const radius = inner ? params.factor : 1;
      x[2 * i] = radius * Math.cos(angle);
      x[2 * i + 1] = radius * Math.sin(angle);
      y[i] = inner ? 1 : 0;
    }
    const shuffled = shuffleRows(ctx.rng, x, y, 2);
    for (let i = 0; i < shuffled.x.length; i++) shuffled.x[i] = (shuffled.x[i] as number) + params.noise * ctx.rng.normal();
    return makeDataSet({ name: 'circles', source: 'synthetic', x: shuffled.x, sampleShape: [2], y: shuffled.y, classes: 2 });
  },
});
