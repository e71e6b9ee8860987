import { ConfigError } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { counts, covariance, mean, rowsOf, TEST_SEED } from '../test-support/statistics.js';
import { anisotropic } from './anisotropic.js';
import { blobs } from './blobs.js';

const CENTERS = [
  [0, 0, 0],
  [5, -5, 2],
  [-3, 8, 1],
];
const STDS = [0.5, 1, 2];

describe('blobs', () => {
  it('splits n as make_blobs does and centres each blob on its center (within 4 sd of the mean)', async () => {
    const data = await loadDataset(blobs, { n: 3001, centers: CENTERS, std: STDS }, { seed: TEST_SEED });
    const y = data.y as Int32Array;
    expect(data.sampleShape).toEqual([3]);
    expect(counts(y, 3)).toEqual([1001, 1000, 1000]); // 3001 // 3 = 1000, the first 3001 % 3 = 1 center gets one more
    CENTERS.forEach((center, k) => {
      const rows = rowsOf(data.x, 3, y, k);
      const m = mean(rows);
      const c = covariance(rows);
      const sd = STDS[k] as number;
      center.forEach((value, j) => {
        expect(Math.abs((m[j] as number) - value)).toBeLessThan((4 * sd) / Math.sqrt(rows.length));
        // var(sample variance) = 2 sd⁴ / n
        expect(Math.abs((c[j]?.[j] as number) - sd * sd)).toBeLessThan(4 * sd * sd * Math.sqrt(2 / rows.length));
      });
    });
  });

  it('draws a count of centers uniformly in the box', async () => {
    const data = await loadDataset(blobs, { n: 4000, centers: 4, std: 0.01, features: 5, box: [2, 3] }, { seed: TEST_SEED });
    expect(data.meta).toMatchObject({ n: 4000, features: 5, classes: 4 });
    const centres = [0, 1, 2, 3].map((k) => mean(rowsOf(data.x, 5, data.y, k)));
    for (const centre of centres) for (const value of centre) expect(value > 2 - 0.01 && value < 3 + 0.01).toBe(true);
    expect(new Set(centres.map((c) => c[0]?.toFixed(3))).size).toBe(4);
  });

  it('rejects inconsistent center lists and std lists with a ConfigError naming the param', async () => {
    await expect(
      loadDataset(blobs, {
        centers: [
          [0, 0],
          [1, 2, 3],
        ],
      }),
    ).rejects.toThrow(new ConfigError([{ path: 'dataset.centers[1]', message: 'has 3 coordinates but centers[0] has 2' }]));
    await expect(loadDataset(blobs, { centers: 3, std: [1, 2] })).rejects.toThrow('dataset.std: has 2 values for 3 centers');
  });
});

describe('anisotropic', () => {
  it('is the same blobs mapped by x·T (default: the scikit-learn example matrix)', async () => {
    const settings = { n: 900, centers: 3, std: 1, box: [-10, 10] as [number, number] };
    const plain = await loadDataset(blobs, { ...settings, features: 2 }, { seed: TEST_SEED });
    const sheared = await loadDataset(anisotropic, settings, { seed: TEST_SEED });
    expect(sheared.y).toEqual(plain.y);
    for (let i = 0; i < 900; i++) {
      const [a, b] = [plain.x[2 * i] as number, plain.x[2 * i + 1] as number];
      expect(sheared.x[2 * i]).toBeCloseTo(0.6 * a - 0.4 * b, 4);
      expect(sheared.x[2 * i + 1]).toBeCloseTo(-0.6 * a + 0.8 * b, 4);
    }
  });

  it('gives each blob the covariance Tᵀ T std² (within sampling error)', async () => {
    const data = await loadDataset(anisotropic, { n: 6000, centers: 2, std: 1 }, { seed: TEST_SEED });
    // Tᵀ T for T = [[0.6, -0.6], [-0.4, 0.8]]: [[0.52, -0.68], [-0.68, 1.0]]
    const expected = [
      [0.52, -0.68],
      [-0.68, 1.0],
    ];
    for (const k of [0, 1]) {
      const c = covariance(rowsOf(data.x, 2, data.y, k));
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) expect(Math.abs((c[i]?.[j] as number) - (expected[i]?.[j] as number))).toBeLessThan(0.08);
    }
  });

  it('rejects a non-square transformation', async () => {
    await expect(loadDataset(anisotropic, { transformation: [[1, 0], [0]] })).rejects.toThrow(
      'dataset.transformation[1]: has 1 entries; T must be 2×2',
    );
  });
});
