import type { TopLevelSpec } from 'vega-lite';
import { clusterColorScale, clusterName } from '../theme.js';

export interface ClusterSizesData {
  readonly title: string;
  /** sizes[j]: samples in cluster j, for every cluster 0..K−1 (zeros included). */
  readonly sizes: readonly number[];
}

/** One bar per cluster 0..K−1, empty clusters included, coloured as in the scatter. */
export function clusterSizesSpec(data: ClusterSizesData): TopLevelSpec {
  const k = data.sizes.length;
  const used = data.sizes.filter((size) => size > 0).length;
  const values = data.sizes.map((size, j) => ({ cluster: String(j), name: clusterName(j), size }));
  const step = Math.max(6, Math.min(40, Math.floor(560 / Math.max(k, 1))));
  return {
    title: { text: 'Cluster sizes', subtitle: `${data.title} · ${used} of ${k} clusters used` },
    width: { step },
    height: 220,
    datasets: { sizes: values },
    data: { name: 'sizes' },
    params: [{ name: 'y_max', value: Math.max(1, ...data.sizes) * 1.1 }],
    encoding: {
      x: {
        field: 'cluster',
        type: 'ordinal',
        sort: values.map((v) => v.cluster),
        title: 'cluster',
        axis: { labelAngle: 0, labelOverlap: true },
      },
      // headroom above the tallest bar for its count
      y: { field: 'size', type: 'quantitative', title: 'samples', scale: { domainMax: { expr: 'y_max' } } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'name', type: 'nominal', scale: clusterColorScale(k), legend: null },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'cluster' },
            { field: 'size', type: 'quantitative', title: 'samples' },
          ],
        },
      },
      ...(step >= 22
        ? [
            {
              mark: { type: 'text' as const, dy: -6, fontSize: 10, color: '#333333' },
              encoding: { text: { field: 'size', type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  };
}
