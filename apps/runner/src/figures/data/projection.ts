import { principalPlane } from './pca.js';
import { evenlySpacedIndices } from './subsample.js';

/** At most this many points are drawn: a 3000-point SVG is about 0.4 MB. */
export const maxScatterPoints = 3000;

/** The plane a trial's scatter is drawn in, for the (subsampled) samples `indices`. */
export interface ScatterProjection {
  readonly indices: Int32Array;
  /** Coordinates of sample indices[i]: x = coordinates[2i], y = coordinates[2i+1]; for 1-D data y is 0. */
  readonly coordinates: Float64Array;
  readonly dimensions: 1 | 2;
  readonly xTitle: string;
  readonly yTitle: string;
}

/**
 * The data's own axes when a sample has one or two features, else its 2-D PCA. The PCA is fitted on the subsample
 * it draws (at most 3000 rows), which keeps it fast on large data sets and changes the plane negligibly.
 */
export function scatterProjection(x: Float32Array, n: number, d: number, maxPoints = maxScatterPoints): ScatterProjection {
  const indices = evenlySpacedIndices(n, maxPoints);
  const m = indices.length;
  if (d <= 2) {
    const coordinates = new Float64Array(m * 2);
    for (let i = 0; i < m; i++) {
      coordinates[2 * i] = x[indices[i] * d];
      coordinates[2 * i + 1] = d === 2 ? x[indices[i] * d + 1] : 0;
    }
    return { indices, coordinates, dimensions: d === 2 ? 2 : 1, xTitle: 'x[0]', yTitle: d === 2 ? 'x[1]' : '' };
  }
  const rows = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) rows[i * d + j] = x[indices[i] * d + j];
  const plane = principalPlane(rows, m, d);
  const share = (variance: number) => (plane.totalVariance > 0 ? ((100 * variance) / plane.totalVariance).toFixed(1) : '0.0');
  return {
    indices,
    coordinates: plane.coordinates,
    dimensions: 2,
    xTitle: `PC 1 (${share(plane.variances[0])}% of variance)`,
    yTitle: `PC 2 (${share(plane.variances[1])}% of variance)`,
  };
}
