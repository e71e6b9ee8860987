import type { TopLevelSpec } from 'vega-lite';

export interface ConfusionMatrixData {
  readonly title: string;
  /** Row labels (true classes), top to bottom. */
  readonly classes: readonly number[];
  /** Column labels (clusters), left to right: Hungarian-matched to the rows in order, unmatched last. */
  readonly clusters: readonly number[];
  /** counts[i][j]: samples of classes[i] in clusters[j]. */
  readonly counts: readonly (readonly number[])[];
}

/** Class × cluster counts as a heatmap with the counts written in; a good clustering is a bright diagonal. */
export function confusionMatrixSpec(data: ConfusionMatrixData): TopLevelSpec {
  const cells = data.classes.flatMap((c, i) => {
    const classSize = data.counts[i].reduce((sum, count) => sum + count, 0);
    return data.clusters.map((j, column) => ({
      class: String(c),
      cluster: String(j),
      count: data.counts[i][column],
      share: classSize > 0 ? data.counts[i][column] / classSize : 0,
    }));
  });
  const maxCount = Math.max(1, ...cells.map((cell) => cell.count));
  const side = Math.max(data.classes.length, data.clusters.length);
  const step = Math.max(10, Math.min(36, Math.floor(480 / side)));
  const x = {
    field: 'cluster',
    type: 'ordinal' as const,
    sort: data.clusters.map(String),
    title: 'predicted cluster (Hungarian-matched order)',
    axis: { labelAngle: 0, labelOverlap: true },
  };
  const y = {
    field: 'class',
    type: 'ordinal' as const,
    sort: data.classes.map(String),
    title: 'true class',
    axis: { labelOverlap: true },
  };
  return {
    title: { text: 'Confusion matrix', subtitle: data.title },
    width: { step },
    height: { step },
    datasets: { cells },
    data: { name: 'cells' },
    params: [{ name: 'max_count', value: maxCount }],
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'count',
            type: 'quantitative',
            title: 'samples',
            scale: { domainMin: 0, domainMax: { expr: 'max_count' }, range: ['#ffffff', '#08519c'], interpolate: 'rgb' },
          },
          tooltip: [
            { field: 'class', title: 'true class' },
            { field: 'cluster', title: 'cluster' },
            { field: 'count', type: 'quantitative', title: 'samples' },
            { field: 'share', type: 'quantitative', title: 'share of class', format: '.1%' },
          ],
        },
      },
      ...(step >= 18
        ? [
            {
              mark: { type: 'text' as const, fontSize: step >= 28 ? 11 : 9 },
              encoding: {
                text: { field: 'count', type: 'quantitative' as const },
                color: { condition: { test: 'datum.count > max_count / 2', value: 'white' }, value: '#333333' },
              },
            },
          ]
        : []),
    ],
  };
}
