import { DataError, type DataSet, type SeededRng } from '@gemlab/core';
import { drawRows, selectRows } from './select-rows.js';

/**
 * Holds out ceil(fraction · n) seeded random samples as the test part (as scikit-learn's
 * train_test_split rounds); both parts keep the original order. No test part when fraction is 0.
 */
export function splitTrainTest(data: DataSet, fraction: number, rng: SeededRng): { train: DataSet; test?: DataSet } {
  if (fraction === 0) return { train: data };
  const n = data.meta.n;
  const testSize = Math.ceil(fraction * n);
  if (testSize >= n) {
    throw new DataError(
      `dataset.preprocess.testFraction=${fraction} leaves no training samples of dataset '${data.meta.name}' (${n} rows)`,
    );
  }
  const testRows = drawRows(rng, n, testSize);
  const isTest = new Uint8Array(n);
  for (const row of testRows) isTest[row] = 1;
  const trainRows = Int32Array.from({ length: n - testSize }, () => 0);
  let next = 0;
  for (let row = 0; row < n; row++) if (!isTest[row]) trainRows[next++] = row;
  return { train: selectRows(data, trainRows), test: selectRows(data, testRows) };
}
