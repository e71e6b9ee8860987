import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { drawCategorical } from '../sampling/categorical.js';
import { cholesky } from '../sampling/cholesky.js';
import { writeGaussian } from '../sampling/gaussian.js';

const FEATURES = 14;
const MEANS = [
  [0, 0],
  [4, 0],
  [0, 2],
  [4, 2],
];
/** Variables 3-11 are INTERCEPT + (x1, x2)·B + noise, B being 2 × 9. */
const INTERCEPT = [0, 0, 0.4, 0.8, 1.2, 1.6, 2.0, 2.4, 2.8];
const B = [
  [0.5, 2, 0, -1, 2, 0.5, 4, 3, 2],
  [1, 0, 3, 2, -4, 0, 0.5, 0, 1],
];
const NOISE_MEAN = [3.2, 3.6, 4];

/**
 * Celeux et al. (2014), section 3.2, as gemclus generates it: 14 variables, of which 2 are
 * informative (a balanced mixture of four N(m_k, I_2)), 9 are linear in them plus correlated
 * noise, and 3 are independent N((3.2, 3.6, 4), I_3).
 */
export const celeuxTwo = defineDataset({
  name: 'celeux-two',
  description: 'Celeux et al. variable-selection benchmark 2: 4 Gaussians in 2-D, 9 redundant and 3 noise variables',
  schema: Type.Object(
    { n: Type.Integer({ minimum: 1, default: 2000, description: 'number of samples' }) },
    { additionalProperties: false },
  ),
  testParams: [{ n: 200 }],
  create(params, ctx) {
    const rng = ctx.rng;
    const noiseLower = cholesky(noiseCovariance()) as Float64Array;
    const y = drawCategorical(rng, params.n, [0.25, 0.25, 0.25, 0.25]);
    const x = new Float32Array(params.n * FEATURES);
    const informative = new Float64Array(params.n * 2);
    for (let i = 0; i < params.n; i++) {
      const mean = MEANS[y[i] as number] as number[];
      for (let j = 0; j < 2; j++) informative[2 * i + j] = (mean[j] as number) + rng.normal();
    }
    const noise = new Float32Array(9);
    for (let i = 0; i < params.n; i++) {
      writeGaussian(
        rng,
        INTERCEPT.map(() => 0),
        noiseLower,
        noise,
        0,
      );
      const x1 = informative[2 * i] as number;
      const x2 = informative[2 * i + 1] as number;
      x[i * FEATURES] = x1;
      x[i * FEATURES + 1] = x2;
      for (let j = 0; j < 9; j++) {
        x[i * FEATURES + 2 + j] =
          (INTERCEPT[j] as number) + x1 * (B[0]?.[j] as number) + x2 * (B[1]?.[j] as number) + (noise[j] as number);
      }
    }
    for (let i = 0; i < params.n; i++) {
      for (let j = 0; j < 3; j++) x[i * FEATURES + 11 + j] = (NOISE_MEAN[j] as number) + rng.normal();
    }
    return makeDataSet({ name: 'celeux-two', source: 'synthetic', x, sampleShape: [FEATURES], y, classes: 4 });
  },
});

/** block_diag(I_3, 0.5·I_2, R3ᵀ diag(1, 3) R3, R6ᵀ diag(2, 6) R6), R_a the rotation by pi/a. */
function noiseCovariance(): number[][] {
  const blocks = [
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    [
      [0.5, 0],
      [0, 0.5],
    ],
    rotatedDiagonal(Math.PI / 3, 1, 3),
    rotatedDiagonal(Math.PI / 6, 2, 6),
  ];
  const covariance = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
  let offset = 0;
  for (const block of blocks) {
    block.forEach((row, i) => {
      row.forEach((value, j) => {
        (covariance[offset + i] as number[])[offset + j] = value;
      });
    });
    offset += block.length;
  }
  return covariance;
}

/** Rᵀ diag(a, b) R with R = [[cos t, -sin t], [sin t, cos t]]. */
function rotatedDiagonal(angle: number, a: number, b: number): number[][] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [
    [a * c * c + b * s * s, -a * c * s + b * s * c],
    [-a * c * s + b * s * c, a * s * s + b * c * c],
  ];
}
