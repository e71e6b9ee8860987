import { hungarianOrderedConfusion } from '@gemlab/core';
import { scatterProjection } from './data/projection.js';
import { type NamedSpec, renderFigures } from './render/render-figures.js';
import { clusterScatterSpec } from './specs/cluster-scatter.js';
import { clusterSizesSpec } from './specs/cluster-sizes.js';
import { confusionMatrixSpec } from './specs/confusion-matrix.js';
import { trainingCurvesSpec } from './specs/training-curves.js';
import { clusterSizesCsv, trainingCurvesCsv } from './tables/trial-tables.js';
import type { Artifact, TrialFigureInput } from './types.js';

/**
 * The figures of one trial, as SVG and PNG: `figures/cluster-scatter`, `figures/training-curves` (when the history
 * has an epoch), `figures/confusion-matrix` (when labels are known), `figures/cluster-sizes`; and the tables
 * `tables/cluster_sizes.csv` and `tables/training_curves.csv`. The same input gives byte-identical files.
 */
export async function renderTrialFigures(input: TrialFigureInput): Promise<Artifact[]> {
  const { n, d } = checkTrialInput(input);
  const sizes = clusterSizes(input.clusters, input.nClusters);
  const specs: NamedSpec[] = [{ name: 'cluster-scatter', spec: clusterScatterSpec(scatterData(input, n, d)) }];
  if (input.history.length > 0) specs.push({ name: 'training-curves', spec: trainingCurvesSpec(input) });
  if (input.labels) {
    const confusion = withEmptyClusters(hungarianOrderedConfusion(input.labels, input.clusters), sizes);
    specs.push({ name: 'confusion-matrix', spec: confusionMatrixSpec({ title: input.title, ...confusion }) });
  }
  specs.push({ name: 'cluster-sizes', spec: clusterSizesSpec({ title: input.title, sizes }) });
  return [
    ...(await renderFigures(specs)),
    { path: 'tables/cluster_sizes.csv', content: clusterSizesCsv(sizes) },
    { path: 'tables/training_curves.csv', content: trainingCurvesCsv(input.history) },
  ];
}

/** Shapes must agree; a mismatch is a bug in the caller, so it is a RangeError naming the culprit. */
function checkTrialInput(input: TrialFigureInput): { n: number; d: number } {
  const d = input.sampleShape.reduce((product, size) => product * size, 1);
  const n = input.clusters.length;
  if (n === 0) throw new RangeError('clusters is empty: a trial needs at least one sample to draw');
  if (!Number.isInteger(input.nClusters) || input.nClusters < 1)
    throw new RangeError(`nClusters must be a positive integer, got ${input.nClusters}`);
  if (d < 1 || input.x.length !== n * d) {
    throw new RangeError(
      `x holds ${input.x.length} values, expected ${n} samples × ${d} (sampleShape [${input.sampleShape.join(', ')}])`,
    );
  }
  if (input.labels && input.labels.length !== n)
    throw new RangeError(`labels has ${input.labels.length} entries, clusters has ${n}`);
  for (let i = 0; i < n; i++) {
    const cluster = input.clusters[i];
    if (cluster < 0 || cluster >= input.nClusters)
      throw new RangeError(`clusters[${i}] = ${cluster} is outside 0..${input.nClusters - 1}`);
  }
  return { n, d };
}

function clusterSizes(clusters: Int32Array, nClusters: number): number[] {
  const sizes = new Array<number>(nClusters).fill(0);
  for (const cluster of clusters) sizes[cluster] += 1;
  return sizes;
}

function scatterData(input: TrialFigureInput, n: number, d: number) {
  const projection = scatterProjection(input.x, n, d);
  const classes = input.labels ? [...new Set(input.labels)].sort((a, b) => a - b) : undefined;
  const points = Array.from(projection.indices, (sample, i) => ({
    x: projection.coordinates[2 * i],
    y: projection.coordinates[2 * i + 1],
    cluster: input.clusters[sample],
    ...(input.labels ? { label: input.labels[sample] } : {}),
  }));
  const { dimensions, xTitle, yTitle } = projection;
  return { title: input.title, nClusters: input.nClusters, classes, dimensions, xTitle, yTitle, points };
}

/** Appends the clusters no sample went to as zero columns: unmatched, so last, in ascending order. */
function withEmptyClusters(
  matrix: { classes: readonly number[]; clusters: readonly number[]; counts: readonly (readonly number[])[] },
  sizes: readonly number[],
) {
  const empty = sizes.flatMap((size, j) => (size === 0 ? [j] : []));
  return {
    classes: matrix.classes,
    clusters: [...matrix.clusters, ...empty],
    counts: matrix.counts.map((row) => [...row, ...empty.map(() => 0)]),
  };
}
