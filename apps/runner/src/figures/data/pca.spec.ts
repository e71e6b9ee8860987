import { SeededRng } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { principalPlane } from './pca.js';
import { scatterProjection } from './projection.js';
import { evenlySpacedIndices } from './subsample.js';
import { symmetricEigen } from './symmetric-eigen.js';

/**
 * Hand-built data with known principal axes: x_i = m + a_i·u + b_i·v + c_i·w, with u = (1, 1, 0)/√2,
 * v = (1, −1, 0)/√2, w = (0, 0, 1), and a, b, c mutually orthogonal zero-mean Walsh sequences of amplitudes 3, 2, 1
 * over n = 8 samples. Sample variances along u, v, w: 8·9/7 = 72/7, 8·4/7 = 32/7, 8/7 (total 16), and the
 * coordinates on the principal plane are exactly (a_i, b_i).
 */
const walsh = {
  a: [3, 3, 3, 3, -3, -3, -3, -3],
  b: [2, 2, -2, -2, 2, 2, -2, -2],
  c: [1, -1, 1, -1, 1, -1, 1, -1],
};
function walshData(): Float64Array {
  const mean = [5, -2, 7];
  const s = Math.SQRT1_2;
  return Float64Array.from({ length: 24 }, (_, k) => {
    const i = Math.floor(k / 3);
    const j = k % 3;
    const u = [s, s, 0][j];
    const v = [s, -s, 0][j];
    const w = [0, 0, 1][j];
    return mean[j] + walsh.a[i] * u + walsh.b[i] * v + walsh.c[i] * w;
  });
}

describe('principalPlane', () => {
  it('recovers the hand-built axes, variances and coordinates', () => {
    const plane = principalPlane(walshData(), 8, 3);
    expect(plane.variances[0]).toBeCloseTo(72 / 7, 10);
    expect(plane.variances[1]).toBeCloseTo(32 / 7, 10);
    expect(plane.totalVariance).toBeCloseTo(16, 10);
    // sign convention: the largest-magnitude entry is positive (entry 0 for both)
    [Math.SQRT1_2, Math.SQRT1_2, 0].forEach((value, j) => {
      expect(plane.components[0][j]).toBeCloseTo(value, 8);
    });
    [Math.SQRT1_2, -Math.SQRT1_2, 0].forEach((value, j) => {
      expect(plane.components[1][j]).toBeCloseTo(value, 8);
    });
    for (let i = 0; i < 8; i++) {
      expect(plane.coordinates[2 * i]).toBeCloseTo(walsh.a[i], 8);
      expect(plane.coordinates[2 * i + 1]).toBeCloseTo(walsh.b[i], 8);
    }
  });

  it('matches the eigen-decomposition of the explicit covariance in 40 dimensions (block smaller than d)', () => {
    const rng = new SeededRng(11);
    const n = 300;
    const d = 40;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const [s, t] = [rng.normal(0, 3), rng.normal(0, 2)];
      for (let j = 0; j < d; j++) x[i * d + j] = s * Math.sin(j + 1) + t * Math.cos(2 * j) + rng.normal(0, 0.5) + j;
    }
    const mean = Array.from({ length: d }, (_, j) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i * d + j];
      return sum / n;
    });
    const covariance = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
        covariance[a * d + b] = sum / (n - 1);
      }
    }
    const reference = symmetricEigen(covariance, d);
    const plane = principalPlane(x, n, d);
    for (let c = 0; c < 2; c++) {
      expect(plane.variances[c] / reference.values[c]).toBeCloseTo(1, 9);
      const dot = plane.components[c].reduce((sum, v, j) => sum + v * reference.vectors[c][j], 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 7);
    }
    expect(plane.totalVariance / reference.values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 10);
  });

  it('handles rank-1 data (points on a line) and constant data', () => {
    const t = [-2, 0, 1, 4];
    const line = Float64Array.from({ length: 12 }, (_, k) => (t[Math.floor(k / 3)] * [1, 2, 2][k % 3]) / 3);
    const plane = principalPlane(line, 4, 3);
    const meanT = 0.75;
    const varianceT = t.reduce((sum, v) => sum + (v - meanT) ** 2, 0) / 3;
    expect(plane.variances[0]).toBeCloseTo(varianceT, 10);
    expect(plane.variances[1]).toBeCloseTo(0, 10);
    [1 / 3, 2 / 3, 2 / 3].forEach((value, j) => {
      expect(plane.components[0][j]).toBeCloseTo(value, 8);
    });
    t.forEach((v, i) => {
      expect(plane.coordinates[2 * i]).toBeCloseTo(v - meanT, 8);
    });

    const flat = principalPlane(new Float64Array(12).fill(3), 4, 3);
    expect(flat.totalVariance).toBe(0);
    expect([...flat.coordinates].every((v) => v === 0)).toBe(true);
  });

  it('rejects fewer than two features and a wrongly sized matrix', () => {
    expect(() => principalPlane([1, 2], 2, 1)).toThrow(RangeError);
    expect(() => principalPlane([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});

describe('scatterProjection', () => {
  it('uses the raw axes for 2-D data, x[0] alone for 1-D data, and titles the PCA axes with their share of variance', () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6);
    const raw = scatterProjection(x, 3, 2);
    expect([...raw.coordinates]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([raw.dimensions, raw.xTitle, raw.yTitle]).toEqual([2, 'x[0]', 'x[1]']);
    const strip = scatterProjection(x, 6, 1);
    expect(strip.dimensions).toBe(1);
    expect([...strip.coordinates].filter((_, k) => k % 2 === 0)).toEqual([1, 2, 3, 4, 5, 6]);
    const pca = scatterProjection(Float32Array.from(walshData()), 8, 3);
    // 72/112 = 64.3 %, 32/112 = 28.6 %
    expect([pca.xTitle, pca.yTitle]).toEqual(['PC 1 (64.3% of variance)', 'PC 2 (28.6% of variance)']);
  });

  it('draws at most maxPoints samples, evenly spaced', () => {
    expect([...evenlySpacedIndices(10, 4)]).toEqual([0, 2, 5, 7]);
    expect([...evenlySpacedIndices(3, 4)]).toEqual([0, 1, 2]);
    const projection = scatterProjection(new Float32Array(20_000), 10_000, 2, 3000);
    expect(projection.indices.length).toBe(3000);
    expect(projection.indices[2999]).toBe(Math.floor((2999 * 10_000) / 3000));
  });
});
