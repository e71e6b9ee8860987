import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { counts, covariance, mean, rowsOf, TEST_SEED } from '../test-support/statistics.js';
import { gstm } from './gstm.js';

const N = 20_000;
const ALPHA = 5;
const CORNERS = [
  [1, 1],
  [1, -1],
  [-1, 1],
];

/** Exact Student-t probabilities from scipy, for the t component of scale I centred at mu_4. */
interface TailReference {
  /** P(|T_df| > 3) for one coordinate (the marginal of a multivariate t is a univariate t). */
  marginal: Record<string, number>;
  /** P(|x - mu|² / 2 > 4): |x - mu|²/2 = (|z|²/2) / (u/df) ~ F(2, df). */
  radial: Record<string, number>;
}

let reference: TailReference;

beforeAll(() => {
  reference = runPython<TailReference>(`import json
from scipy import stats
print(json.dumps({
  'marginal': {str(df): 2 * stats.t.sf(3, df) for df in (1, 2)},
  'radial': {str(df): stats.f.sf(4, 2, df) for df in (1, 2)},
}))`);
});

describe('gstm', () => {
  it('draws each class with probability 1/4 (within 4 binomial sd at n = 20000) and sorts by class', async () => {
    const data = await loadDataset(gstm, { n: N }, { seed: TEST_SEED });
    const y = data.y as Int32Array;
    const sd = Math.sqrt((0.25 * 0.75) / N);
    for (const count of counts(y, 4)) expect(Math.abs(count / N - 0.25)).toBeLessThan(4 * sd);
    expect(y.every((label, i) => i === 0 || label >= (y[i - 1] as number))).toBe(true);
    expect(data.meta).toEqual({ name: 'gstm', n: N, features: 2, classes: 4, source: 'synthetic' });
  });

  it('gives the Gaussian components mean alpha·corner and identity covariance (within 4 sd)', async () => {
    const data = await loadDataset(gstm, { n: N, alpha: ALPHA, df: 1 }, { seed: TEST_SEED });
    CORNERS.forEach((corner, k) => {
      const rows = rowsOf(data.x, 2, data.y, k);
      const m = mean(rows);
      const c = covariance(rows);
      const se = 1 / Math.sqrt(rows.length);
      corner.forEach((sign, j) => {
        expect(Math.abs((m[j] as number) - ALPHA * sign)).toBeLessThan(4 * se);
      });
      // var of a sample variance of N(0,1) is 2/n; of a covariance with correlation 0, 1/n.
      expect(Math.abs((c[0]?.[0] as number) - 1)).toBeLessThan(4 * Math.sqrt(2) * se);
      expect(Math.abs((c[1]?.[1] as number) - 1)).toBeLessThan(4 * Math.sqrt(2) * se);
      expect(Math.abs(c[0]?.[1] as number)).toBeLessThan(4 * se);
    });
  });

  for (const df of [1, 2]) {
    it(`gives the Student-t component (df = ${df}) the exact t tail probabilities (within 4 sd)`, async () => {
      const data = await loadDataset(gstm, { n: N, alpha: ALPHA, df }, { seed: TEST_SEED });
      const rows = rowsOf(data.x, 2, data.y, 3);
      const centred = rows.map(([a, b]) => [(a as number) + ALPHA, (b as number) + ALPHA] as const);
      const marginal = centred.filter(([a]) => Math.abs(a) > 3).length / rows.length;
      const radial = centred.filter(([a, b]) => (a * a + b * b) / 2 > 4).length / rows.length;
      for (const [observed, expected] of [
        [marginal, reference.marginal[df] as number],
        [radial, reference.radial[df] as number],
      ] as const) {
        expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / rows.length));
      }
      // The location is mu_4 = -alpha·(1, 1): the median of each coordinate (robust for df = 1).
      const medians = [0, 1].map((j) => centred.map((row) => row[j] as number).sort((a, b) => a - b)[rows.length >> 1] as number);
      for (const median of medians) expect(Math.abs(median)).toBeLessThan(0.1);
    });
  }
});
