import { checkPairedLabels, encodeLabels } from './labels.js';

/**
 * Counts of samples per (class, cluster): `counts[i][j]` is the number of samples of class
 * `classes[i]` assigned to cluster `clusters[j]`. Only labels that occur are listed.
 */
export interface ConfusionMatrix {
  /** Distinct true labels, ascending (the rows). */
  readonly classes: readonly number[];
  /** Distinct predicted labels (the columns), ascending unless a function says otherwise. */
  readonly clusters: readonly number[];
  readonly counts: readonly (readonly number[])[];
}

/** The contingency table of two labellings of the same samples (classes × clusters). */
export function confusionMatrix(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): ConfusionMatrix {
  checkPairedLabels(labelsTrue, labelsPred);
  const rows = encodeLabels(labelsTrue, 'labelsTrue');
  const columns = encodeLabels(labelsPred, 'labelsPred');
  const counts = rows.values.map(() => new Array<number>(columns.values.length).fill(0));
  for (let i = 0; i < rows.codes.length; i++) counts[rows.codes[i]][columns.codes[i]] += 1;
  return { classes: rows.values, clusters: columns.values, counts };
}

/** Row sums (class sizes) and column sums (cluster sizes) of a confusion matrix. */
export function marginals(matrix: ConfusionMatrix): { rowSums: number[]; columnSums: number[] } {
  const rowSums = matrix.counts.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnSums = matrix.clusters.map((_, j) => matrix.counts.reduce((sum, row) => sum + row[j], 0));
  return { rowSums, columnSums };
}
