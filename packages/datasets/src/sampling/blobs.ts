import { ConfigError, type SeededRng, Type } from '@gemlab/core';
import { shuffleRows } from './shuffle-rows.js';

/** The blob params shared by `blobs` and `anisotropic`. */
export const BlobCentersSchema = Type.Union(
  [
    Type.Integer({ minimum: 1, description: 'number of centers, drawn uniformly in the box' }),
    Type.Array(Type.Array(Type.Number(), { minItems: 1 }), { minItems: 1, description: 'the centers themselves' }),
  ],
  { default: 3, description: 'a number of centers, or their coordinates' },
);
export const BlobStdSchema = Type.Union([Type.Number({ minimum: 0 }), Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 })], {
  default: 1,
  description: 'standard deviation of every blob, or one per center',
});
export const BlobBoxSchema = Type.Tuple([Type.Number(), Type.Number()], {
  default: [-10, 10],
  description: 'bounds of the uniform draw of the centers, per coordinate',
});

export interface BlobOptions {
  readonly n: number;
  readonly centers: number | readonly (readonly number[])[];
  readonly std: number | readonly number[];
  readonly features: number;
  readonly box: readonly [number, number];
}

/**
 * scikit-learn's make_blobs: centers drawn uniformly in the box unless given, n split as evenly
 * as possible (the first n mod k centers get one more), N(center, std² I) samples, shuffled.
 */
export function sampleBlobs(rng: SeededRng, options: BlobOptions): { x: Float32Array; y: Int32Array; features: number } {
  const centers = resolveCenters(rng, options);
  const features = (centers[0] as number[]).length;
  const stds = resolveStds(options.std, centers.length);
  const x = new Float32Array(options.n * features);
  const y = new Int32Array(options.n);
  let row = 0;
  centers.forEach((center, k) => {
    const count = Math.floor(options.n / centers.length) + (k < options.n % centers.length ? 1 : 0);
    for (let i = 0; i < count; i++, row++) {
      for (let j = 0; j < features; j++) x[row * features + j] = (center[j] as number) + (stds[k] as number) * rng.normal();
      y[row] = k;
    }
  });
  return { ...shuffleRows(rng, x, y, features), features };
}

function resolveCenters(rng: SeededRng, options: BlobOptions): number[][] {
  if (typeof options.centers === 'number') {
    const [low, high] = options.box;
    return Array.from({ length: options.centers }, () => Array.from({ length: options.features }, () => rng.uniform(low, high)));
  }
  const dimension = (options.centers[0] as readonly number[]).length;
  options.centers.forEach((center, k) => {
    if (center.length !== dimension) {
      throw new ConfigError([
        { path: `dataset.centers[${k}]`, message: `has ${center.length} coordinates but centers[0] has ${dimension}` },
      ]);
    }
  });
  return options.centers.map((center) => [...center]);
}

function resolveStds(std: number | readonly number[], centers: number): readonly number[] {
  if (typeof std === 'number') return new Array<number>(centers).fill(std);
  if (std.length !== centers) {
    throw new ConfigError([{ path: 'dataset.std', message: `has ${std.length} values for ${centers} centers` }]);
  }
  return std;
}
