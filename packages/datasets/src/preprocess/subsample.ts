import { DataError, type DataSet, type SeededRng } from '@gemlab/core';
import { drawRows, selectRows } from './select-rows.js';

/** A seeded random subset of `size` samples, kept in their original order. */
export function subsample(data: DataSet, size: number, rng: SeededRng): DataSet {
  if (size > data.meta.n) {
    throw new DataError(`dataset.preprocess.subsample=${size} must be <= rows of dataset '${data.meta.name}' (${data.meta.n})`);
  }
  if (size === data.meta.n) return data;
  return selectRows(data, drawRows(rng, data.meta.n, size));
}
