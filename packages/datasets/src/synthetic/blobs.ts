import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { BlobBoxSchema, BlobCentersSchema, BlobStdSchema, sampleBlobs } from '../sampling/blobs.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, default: 500, description: 'number of samples, split evenly over the centers' }),
    centers: BlobCentersSchema,
    std: BlobStdSchema,
    features: Type.Integer({ minimum: 1, default: 2, description: 'dimension, when centers is a count' }),
    box: BlobBoxSchema,
  },
  { additionalProperties: false },
);

/** Isotropic Gaussian blobs (scikit-learn make_blobs). */
export const blobs = defineDataset({
  name: 'blobs',
  description: 'Isotropic Gaussian blobs (scikit-learn make_blobs)',
  schema,
  testParams: [
    { n: 200 },
    {
      n: 100,
      centers: [
        [0, 0, 0],
        [4, 4, 4],
      ],
      std: [0.5, 2],
    },
  ],
  create(params, ctx) {
    const { x, y, features } = sampleBlobs(ctx.rng, params);
    const classes = typeof params.centers === 'number' ? params.centers : params.centers.length;
    return makeDataSet({ name: 'blobs', source: 'synthetic', x, sampleShape: [features], y, classes });
  },
});
