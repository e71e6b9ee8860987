import { type DataSet, SeededRng } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { makeDataSet } from '../make-dataset.js';
import { expectDataError } from '../test-support/errors.js';
import { applyPreprocessing } from './apply-preprocessing.js';

/** n rows (i, i² / 10, 7): y is the row id, so every output row can be traced to its input. */
function traceable(n: number): DataSet {
  const x = Float32Array.from({ length: n * 3 }, (_, k) => {
    const i = Math.floor(k / 3);
    return [i, (i * i) / 10, 7][k % 3] as number;
  });
  return makeDataSet({ name: 'toy', source: 'synthetic', x, sampleShape: [3], y: Int32Array.from({ length: n }, (_, i) => i) });
}

function column(data: DataSet, j: number): number[] {
  return Array.from({ length: data.meta.n }, (_, i) => data.x[i * data.meta.features + j] as number);
}

const toy = makeDataSet({
  name: 'toy',
  source: 'synthetic',
  x: new Float32Array([1, 10, 2, 10, 3, 10, 4, 10]),
  sampleShape: [2],
});

describe('applyPreprocessing', () => {
  it('standardizes to zero mean and unit population sd, constant features to 0 (hand-computed)', () => {
    // mean 2.5, sd sqrt(((1.5² + 0.5²) · 2) / 4) = sqrt(1.25); (x - 2.5) / 1.1180 = ±1.3416, ±0.4472
    const { train, test } = applyPreprocessing(toy, { standardize: true }, new SeededRng(0));
    expect(test).toBeUndefined();
    const expected = [-1.341641, -0.447214, 0.447214, 1.341641];
    column(train, 0).forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 5);
    });
    expect(column(train, 1)).toEqual([0, 0, 0, 0]);
  });

  it('min-max scales to [0, 1], constant features to 0, also after standardizing (hand-computed)', () => {
    for (const standardize of [false, true]) {
      const { train } = applyPreprocessing(toy, { minMax: true, standardize }, new SeededRng(0));
      column(train, 0).forEach((value, i) => {
        expect(value).toBeCloseTo([0, 1 / 3, 2 / 3, 1][i] as number, 6);
      });
      expect(column(train, 1)).toEqual([0, 0, 0, 0]);
    }
  });

  it("normalizes with a fixed mean and std after min-max, as torchvision's Normalize(0.5, 0.5) (hand-computed)", () => {
    // column 0 min-maxed to 0, 1/3, 2/3, 1, then (x − 0.5) / 0.5; the constant column: 0 → −1
    const { train } = applyPreprocessing(toy, { minMax: true, normalize: { mean: 0.5, std: 0.5 } }, new SeededRng(0));
    column(train, 0).forEach((value, i) => {
      expect(value).toBeCloseTo([-1, -1 / 3, 1 / 3, 1][i] as number, 6);
    });
    expect(column(train, 1)).toEqual([-1, -1, -1, -1]);
    // alone: (x − 2) / 4 on the raw values 1..4 and 10
    const raw = applyPreprocessing(toy, { normalize: { mean: 2, std: 4 } }, new SeededRng(0)).train;
    expect(Array.from(raw.x)).toEqual([-0.25, 2, 0, 2, 0.25, 2, 0.5, 2]);
  });

  it('holds out ceil(fraction · n) samples and scales both parts with the training statistics only', () => {
    const data = traceable(40);
    const { train, test } = applyPreprocessing(data, { testFraction: 0.22, standardize: true }, new SeededRng(3));
    if (!test) throw new Error('expected a test part');
    expect([train.meta.n, test.meta.n]).toEqual([31, 9]); // ceil(0.22 · 40) = 9
    const trainIds = Array.from(train.y as Int32Array);
    const testIds = Array.from(test.y as Int32Array);
    expect([...trainIds, ...testIds].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(trainIds).toEqual([...trainIds].sort((a, b) => a - b));
    // Statistics of the original training rows, in float64.
    for (const j of [0, 1]) {
      const original = trainIds.map((id) => data.x[id * 3 + j] as number);
      const m = original.reduce((s, v) => s + v, 0) / original.length;
      const sd = Math.sqrt(original.reduce((s, v) => s + (v - m) ** 2, 0) / original.length);
      const trainColumn = column(train, j);
      expect(trainColumn.reduce((s, v) => s + v, 0) / trainColumn.length).toBeCloseTo(0, 5);
      expect(Math.sqrt(trainColumn.reduce((s, v) => s + v * v, 0) / trainColumn.length)).toBeCloseTo(1, 5);
      column(test, j).forEach((value, i) => {
        expect(value).toBeCloseTo(((data.x[(testIds[i] as number) * 3 + j] as number) - m) / sd, 5);
      });
    }
    expect(column(test, 2)).toEqual(new Array(9).fill(0)); // constant in train: 0, not NaN
  });

  it('min-max scales the test part with the training min and range, so it may leave [0, 1]', () => {
    const data = traceable(50);
    const { train, test } = applyPreprocessing(data, { testFraction: 0.3, minMax: true }, new SeededRng(5));
    if (!test) throw new Error('expected a test part');
    const trainIds = Array.from(train.y as Int32Array);
    const low = Math.min(...trainIds);
    const high = Math.max(...trainIds);
    expect(Math.min(...column(train, 0))).toBe(0);
    expect(Math.max(...column(train, 0))).toBe(1);
    column(test, 0).forEach((value, i) => {
      expect(value).toBeCloseTo((((test.y as Int32Array)[i] as number) - low) / (high - low), 6);
    });
  });

  it('subsamples a seeded subset in the original order, before splitting', () => {
    const data = traceable(40);
    const first = applyPreprocessing(data, { subsample: 15 }, new SeededRng(1)).train;
    const again = applyPreprocessing(data, { subsample: 15 }, new SeededRng(1)).train;
    const other = applyPreprocessing(data, { subsample: 15 }, new SeededRng(2)).train;
    const ids = Array.from(first.y as Int32Array);
    expect(first.meta.n).toBe(15);
    expect(new Set(ids).size).toBe(15);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(Array.from(again.y as Int32Array)).toEqual(ids);
    expect(Array.from(other.y as Int32Array)).not.toEqual(ids);
    ids.forEach((id, i) => {
      expect(first.x[i * 3 + 1]).toBe(data.x[id * 3 + 1]);
    });
    const { train, test } = applyPreprocessing(data, { subsample: 20, testFraction: 0.5 }, new SeededRng(1));
    expect([train.meta.n, test?.meta.n]).toEqual([10, 10]);
    const kept = new Set(applyPreprocessing(data, { subsample: 20 }, new SeededRng(1)).train.y);
    for (const id of [...(train.y as Int32Array), ...(test?.y ?? [])]) expect(kept.has(id)).toBe(true);
  });

  it('flattens images to vectors without touching the values', () => {
    const images = makeDataSet({
      name: 'img',
      source: 'synthetic',
      x: new Float32Array(2 * 12).map((_, i) => i),
      sampleShape: [2, 3, 2],
    });
    const { train } = applyPreprocessing(images, { flatten: true }, new SeededRng(0));
    expect(train.sampleShape).toEqual([12]);
    expect(train.meta.features).toBe(12);
    expect(train.x).toBe(images.x);
  });

  it('leaves the input untouched and returns it as is without options', () => {
    const data = traceable(10);
    const copy = Float32Array.from(data.x);
    applyPreprocessing(data, { standardize: true, minMax: true, subsample: 8, testFraction: 0.25 }, new SeededRng(0));
    expect(data.x).toEqual(copy);
    expect(
      applyPreprocessing(data, { flatten: false, standardize: false, minMax: false, testFraction: 0 }, new SeededRng(0)),
    ).toEqual({
      train: data,
    });
  });

  it('rejects a subsample larger than the data and a split that leaves no training samples', async () => {
    const data = traceable(10);
    await expectDataError(
      Promise.resolve().then(() => applyPreprocessing(data, { subsample: 11 }, new SeededRng(0))),
      "dataset.preprocess.subsample=11 must be <= rows of dataset 'toy' (10)",
    );
    await expectDataError(
      Promise.resolve().then(() => applyPreprocessing(data, { testFraction: 0.95 }, new SeededRng(0))),
      "dataset.preprocess.testFraction=0.95 leaves no training samples of dataset 'toy' (10 rows)",
    );
  });
});
