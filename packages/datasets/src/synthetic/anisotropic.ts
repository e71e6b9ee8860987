import { ConfigError, defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';
import { BlobBoxSchema, BlobCentersSchema, BlobStdSchema, sampleBlobs } from '../sampling/blobs.js';

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, default: 500, description: 'number of samples, split evenly over the centers' }),
    centers: BlobCentersSchema,
    std: BlobStdSchema,
    box: BlobBoxSchema,
    transformation: Type.Array(Type.Array(Type.Number(), { minItems: 1 }), {
      minItems: 1,
      default: [
        [0.6, -0.6],
        [-0.4, 0.8],
      ],
      description: "square matrix T applied as x·T (default: scikit-learn's clustering example)",
    }),
  },
  { additionalProperties: false },
);

/** Gaussian blobs sheared by a linear map x -> x·T, as in scikit-learn's clustering comparison. */
export const anisotropic = defineDataset({
  name: 'anisotropic',
  description: 'Gaussian blobs transformed by a linear map (x·T)',
  schema,
  testParams: [{ n: 200 }],
  create(params, ctx) {
    const transform = params.transformation;
    const features = transform.length;
    transform.forEach((row, i) => {
      if (row.length !== features) {
        throw new ConfigError([
          { path: `dataset.transformation[${i}]`, message: `has ${row.length} entries; T must be ${features}×${features}` },
        ]);
      }
    });
    if (typeof params.centers !== 'number' && params.centers[0]?.length !== features) {
      throw new ConfigError([
        {
          path: 'dataset.centers[0]',
          message: `must have ${features} coordinates to match the ${features}×${features} transformation`,
        },
      ]);
    }
    const blob = sampleBlobs(ctx.rng, { ...params, features });
    const x = new Float32Array(blob.x.length);
    for (let row = 0; row < params.n; row++) {
      for (let j = 0; j < features; j++) {
        let value = 0;
        for (let k = 0; k < features; k++) value += (blob.x[row * features + k] as number) * (transform[k]?.[j] as number);
        x[row * features + j] = value;
      }
    }
    const classes = typeof params.centers === 'number' ? params.centers : params.centers.length;
    return makeDataSet({ name: 'anisotropic', source: 'synthetic', x, sampleShape: [features], y: blob.y, classes });
  },
});
