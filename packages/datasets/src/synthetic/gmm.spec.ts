import { describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { expectDataError } from '../test-support/errors.js';
import { counts, covariance, mean, rowsOf, TEST_SEED } from '../test-support/statistics.js';
import { gmm } from './gmm.js';

const MEANS = [
  [0, 0, 0],
  [10, -10, 5],
];
const COVARIANCES = [
  [
    [2, 0.8, -0.5],
    [0.8, 1, 0.3],
    [-0.5, 0.3, 1.5],
  ],
  [
    [0.5, -0.4, 0],
    [-0.4, 1, 0],
    [0, 0, 0.2],
  ],
];

describe('gmm', () => {
  it('recovers the proportions, means and full covariances (within 5 standard errors)', async () => {
    const n = 20_000;
    const data = await loadDataset(
      gmm,
      { n, means: MEANS, covariances: COVARIANCES, proportions: [0.3, 0.7] },
      { seed: TEST_SEED },
    );
    const y = data.y as Int32Array;
    expect(Math.abs((counts(y, 2)[0] as number) / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
    MEANS.forEach((expectedMean, k) => {
      const rows = rowsOf(data.x, 3, y, k);
      const sigma = COVARIANCES[k] as number[][];
      const m = mean(rows);
      const c = covariance(rows);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs((m[i] as number) - (expectedMean[i] as number))).toBeLessThan(
          5 * Math.sqrt((sigma[i]?.[i] as number) / rows.length),
        );
        for (let j = 0; j < 3; j++) {
          // Var of a Gaussian sample covariance: (s_ii s_jj + s_ij²) / n.
          const se = Math.sqrt(
            ((sigma[i]?.[i] as number) * (sigma[j]?.[j] as number) + (sigma[i]?.[j] as number) ** 2) / rows.length,
          );
          expect(Math.abs((c[i]?.[j] as number) - (sigma[i]?.[j] as number))).toBeLessThan(5 * se);
        }
      }
    });
  });

  it('defaults to equal proportions', async () => {
    const data = await loadDataset(gmm, { n: 10_000, means: MEANS, covariances: COVARIANCES }, { seed: TEST_SEED });
    expect(Math.abs((counts(data.y as Int32Array, 2)[0] as number) / 10_000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 10_000));
  });

  it.each([
    [
      'a covariance that is not positive definite',
      {
        covariances: [
          COVARIANCES[0],
          [
            [1, 2, 0],
            [2, 1, 0],
            [0, 0, 1],
          ],
        ],
      },
      'gmm component 1: dataset.covariances[1] is not symmetric positive definite',
    ],
    [
      'a covariance that is not symmetric',
      {
        covariances: [
          [
            [1, 0.5, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
          COVARIANCES[1],
        ],
      },
      'gmm component 0: dataset.covariances[0] is not symmetric positive definite',
    ],
    ['proportions that do not sum to 1', { proportions: [0.5, 0.4] }, 'gmm: dataset.proportions sum to 0.9, expected 1'],
    ['too few proportions', { proportions: [1] }, 'gmm: 2 means but 1 proportions (dataset.proportions)'],
    ['too few covariances', { covariances: [COVARIANCES[0]] }, 'gmm: 2 means but 1 covariances (dataset.covariances)'],
    [
      'a mean of the wrong dimension',
      {
        means: [
          [0, 0, 0],
          [1, 1],
        ],
      },
      'gmm component 1: dataset.means[1] has 2 coordinates, expected 3',
    ],
    [
      'a covariance of the wrong size',
      {
        covariances: [
          COVARIANCES[0],
          [
            [1, 0],
            [0, 1],
          ],
        ],
      },
      'gmm component 1: dataset.covariances[1] must be a 3×3 matrix',
    ],
  ])('rejects %s with a DataError naming the component', async (_what, change, message) => {
    const params = { means: MEANS, covariances: COVARIANCES, ...change };
    await expectDataError(loadDataset(gmm, params), message);
  });
});
