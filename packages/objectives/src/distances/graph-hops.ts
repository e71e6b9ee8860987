import { defineDistance, type Tensor2D, Type, tf } from '@gemlab/core';
import { hopDistances } from './hop-distances.js';

/** Shortest-path hop counts on the q-quantile neighbourhood graph of the whole data set. */
export const graphHops = defineDistance({
  name: 'graph-hops',
  description:
    'hops on the graph joining points closer than the q-quantile of all pairwise distances (unreachable = 2n); needs the whole data set',
  schema: Type.Object({
    q: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.05,
      description: 'quantile of pairwise distances below which points are joined',
    }),
  }),
  create: ({ q }) => ({
    scope: 'dataset',
    compute(x: Tensor2D, y?: Tensor2D): Tensor2D {
      if (y !== undefined)
        throw new Error("distance 'graph-hops' has scope 'dataset': call compute(x) once on the whole data set");
      const [n, features] = x.shape;
      return tf.tensor2d(hopDistances(x.dataSync(), n, features, q), [n, n]);
    },
  }),
});
