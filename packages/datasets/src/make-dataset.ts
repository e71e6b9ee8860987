import type { DataSet } from '@gemlab/core';

/** What a plugin knows about the data it built; `makeDataSet` derives the rest of `meta`. */
export interface DataSetParts {
  readonly name: string;
  readonly source: string;
  readonly x: Float32Array;
  readonly sampleShape: readonly number[];
  readonly y?: Int32Array;
  /** Number of classes; defaults to max(y) + 1 when labels exist. */
  readonly classes?: number;
}

/** Assembles a DataSet with a consistent `meta` (n and features from x and the sample shape). */
export function makeDataSet(parts: DataSetParts): DataSet {
  const features = parts.sampleShape.reduce((product, size) => product * size, 1);
  const n = features === 0 ? 0 : parts.x.length / features;
  const meta = { name: parts.name, n, features, source: parts.source };
  if (!parts.y) return { x: parts.x, sampleShape: [...parts.sampleShape], meta };
  const classes = parts.classes ?? maxLabel(parts.y) + 1;
  return { x: parts.x, sampleShape: [...parts.sampleShape], y: parts.y, meta: { ...meta, classes } };
}

function maxLabel(y: Int32Array): number {
  let max = -1;
  for (const label of y) if (label > max) max = label;
  return max;
}
