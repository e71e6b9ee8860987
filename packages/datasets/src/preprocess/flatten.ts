import type { DataSet } from '@gemlab/core';

/** Each sample as a vector: sample shape [features]; the values are already row-major. */
export function flatten(data: DataSet): DataSet {
  return { ...data, sampleShape: [data.meta.features] };
}
