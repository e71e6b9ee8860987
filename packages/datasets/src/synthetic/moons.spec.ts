import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { counts, rowsOf, TEST_SEED } from '../test-support/statistics.js';
import { circles } from './circles.js';
import { moons } from './moons.js';

/** The largest distance from a point of one set to the nearest point of the other, both ways. */
function setDistance(a: number[][], b: number[][]): number {
  const oneWay = (from: number[][], to: number[][]) =>
    Math.max(
      ...from.map(([p, q]) =>
        Math.min(...to.map(([r, s]) => Math.hypot((p as number) - (r as number), (q as number) - (s as number)))),
      ),
    );
  return Math.max(oneWay(a, b), oneWay(b, a));
}

function expectSamePoints(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  expect(setDistance(actual, expected)).toBeLessThan(1e-6);
}

/** Noise-free make_moons / make_circles points per class, from scikit-learn itself. */
let sklearn: { moons: number[][][]; circles: number[][][] };

beforeAll(() => {
  sklearn = runPython(`import json
from sklearn.datasets import make_circles, make_moons
def split(X, y):
    return [X[y == k].tolist() for k in (0, 1)]
print(json.dumps({
  'moons': split(*make_moons(301, shuffle=False)),
  'circles': split(*make_circles(301, shuffle=False, factor=0.3)),
}))`);
});

describe('moons (paper style)', () => {
  const n = 4000;
  const centres = [
    [-1, 0.5],
    [1, -0.5],
  ];

  it('puts class 1 on the upper and class 0 on the lower half circle of radius 2 about (±1, ∓1/2)', async () => {
    const data = await loadDataset(moons, { n }, { seed: TEST_SEED });
    const y = data.y as Int32Array;
    const ones = counts(y, 2)[1] as number;
    expect(Math.abs(ones / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    for (const label of [0, 1]) {
      const [cx, cy] = centres[label] as [number, number];
      const rows = rowsOf(data.x, 2, y, label);
      const radii = rows.map(([a, b]) => Math.hypot((a as number) - cx, (b as number) - cy));
      const angles = rows.map(([a, b]) => Math.atan2((b as number) - cy, (a as number) - cx));
      // Radial noise is N(0, 0.05²): mean radius 2 within 4 sd of the mean, every point within 6 sd.
      const meanRadius = radii.reduce((s, r) => s + r, 0) / radii.length;
      expect(Math.abs(meanRadius - 2)).toBeLessThan((4 * 0.05) / Math.sqrt(radii.length) + 1e-3);
      expect(Math.max(...radii.map((r) => Math.abs(r - 2)))).toBeLessThan(6 * 0.05);
      // theta ~ U[0, pi] (class 1) or U[-pi, 0] (class 0): mean ±pi/2, sd pi/sqrt(12).
      const meanAngle = angles.reduce((s, t) => s + t, 0) / angles.length;
      const sign = label === 1 ? 1 : -1;
      expect(Math.abs(meanAngle - (sign * Math.PI) / 2)).toBeLessThan((4 * Math.PI) / Math.sqrt(12 * angles.length));
      expect(Math.min(...angles.map((t) => sign * Math.sin(t)))).toBeGreaterThan(-0.2);
    }
  });

  it('adds noise of the given sd', async () => {
    const data = await loadDataset(moons, { n, noise: 0.2 }, { seed: TEST_SEED });
    const deviations = [0, 1].flatMap((label) => {
      const [cx, cy] = centres[label] as [number, number];
      return rowsOf(data.x, 2, data.y, label).map(([a, b]) => Math.hypot((a as number) - cx, (b as number) - cy) - 2);
    });
    const sd = Math.sqrt(deviations.reduce((s, d) => s + d * d, 0) / deviations.length);
    expect(sd).toBeGreaterThan(0.18);
    expect(sd).toBeLessThan(0.22);
  });
});

describe('moons (sklearn style) and circles', () => {
  it('without noise are exactly the points of make_moons and make_circles', async () => {
    const moonsData = await loadDataset(moons, { n: 301, style: 'sklearn', noise: 0 }, { seed: TEST_SEED });
    const circlesData = await loadDataset(circles, { n: 301, noise: 0, factor: 0.3 }, { seed: TEST_SEED });
    for (const label of [0, 1]) {
      expectSamePoints(rowsOf(moonsData.x, 2, moonsData.y, label), sklearn.moons[label] as number[][]);
      expectSamePoints(rowsOf(circlesData.x, 2, circlesData.y, label), sklearn.circles[label] as number[][]);
    }
  });

  it('shuffle the classes (not 150 zeros then 151 ones) and add noise of the given sd', async () => {
    const data = await loadDataset(circles, { n: 2000, noise: 0.1, factor: 0.5 }, { seed: TEST_SEED });
    const y = data.y as Int32Array;
    expect(y.slice(0, 1000).some((label) => label === 1)).toBe(true);
    const deviations = [0, 1].flatMap((label) =>
      rowsOf(data.x, 2, y, label).map(([a, b]) => Math.hypot(a as number, b as number) - (label === 0 ? 1 : 0.5)),
    );
    const sd = Math.sqrt(deviations.reduce((s, d) => s + d * d, 0) / deviations.length);
    expect(sd).toBeGreaterThan(0.09);
    expect(sd).toBeLessThan(0.11);
  });
});
