import { type PluginContext, type Static, Type } from '@gemlab/core';
import { readSquareMatrix, type SquareMatrix, squareMatrix } from './dataset-matrix.js';

/** Params of the precomputed kernel and distance: exactly one of a file `path` or inline `values`. */
export function precomputedSchema(matrix: 'kernel' | 'distance') {
  return Type.Object(
    {
      path: Type.Optional(
        Type.String({
          minLength: 1,
          description: `CSV (no header) or JSON (number[][]) file holding the n×n ${matrix} matrix of the whole data set, relative to the config file`,
        }),
      ),
      values: Type.Optional(Type.Array(Type.Array(Type.Number()), { description: `the n×n ${matrix} matrix inline` })),
    },
    {
      anyOf: [
        { required: ['path'], not: { required: ['values'] }, description: "a 'path' to the matrix file" },
        { required: ['values'], not: { required: ['path'] }, description: "inline 'values' (not both)" },
      ],
    },
  );
}

export type PrecomputedParams = Static<ReturnType<typeof precomputedSchema>>;

/** The matrix the params name, read once when the plugin is created. */
export function loadPrecomputed(params: PrecomputedParams, ctx: PluginContext): SquareMatrix {
  if (params.path !== undefined) return readSquareMatrix(params.path, ctx.baseDir);
  return squareMatrix(params.values ?? [], 'inline values');
}
