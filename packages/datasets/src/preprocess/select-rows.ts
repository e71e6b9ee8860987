import type { DataSet } from '@gemlab/core';
import { takeRows } from '../sampling/shuffle-rows.js';

/** The data set restricted to the given rows (in that order); meta.n follows, the rest is kept. */
export function selectRows(data: DataSet, rows: ArrayLike<number>): DataSet {
  const features = data.meta.features;
  const x = takeRows(data.x, rows, features);
  const meta = { ...data.meta, n: rows.length };
  if (!data.y) return { x, sampleShape: data.sampleShape, meta };
  const labels = data.y;
  return { x, sampleShape: data.sampleShape, y: Int32Array.from(rows, (row) => labels[row] as number), meta };
}

/** k row indices drawn without replacement, in increasing order (so the data keeps its order). */
export function drawRows(rng: { permutation(n: number): Int32Array }, n: number, k: number): Int32Array {
  return rng.permutation(n).subarray(0, k).sort();
}
