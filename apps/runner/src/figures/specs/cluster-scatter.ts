import type { TopLevelSpec } from 'vega-lite';
import { className, clusterColorScale, clusterName, legendColumns } from '../theme.js';

export interface ClusterScatterData {
  readonly title: string;
  readonly nClusters: number;
  /** The distinct true classes, ascending, when labels are known. */
  readonly classes?: readonly number[];
  /** 1: a strip per cluster along x[0]; 2: a plane. */
  readonly dimensions: 1 | 2;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly points: readonly { readonly x: number; readonly y: number; readonly cluster: number; readonly label?: number }[];
}

/** Shapes a reader can tell apart at 4 px; classes beyond eight reuse them. */
const classShapes = ['circle', 'square', 'triangle-up', 'cross', 'diamond', 'triangle-down', 'triangle-right', 'triangle-left'];

/** The samples in their plane: colour = predicted cluster, shape = true class when known. */
export function clusterScatterSpec(data: ClusterScatterData): TopLevelSpec {
  const classes = data.classes;
  const values = data.points.map((point) => ({
    x: point.x,
    y: point.y,
    cluster: clusterName(point.cluster),
    ...(classes && point.label !== undefined ? { class: className(point.label) } : {}),
  }));
  const clusterY = Array.from({ length: data.nClusters }, (_, j) => clusterName(j));
  return {
    title: { text: 'Clusters', subtitle: `${data.title} · ${data.points.length} samples shown` },
    width: 420,
    height: data.dimensions === 2 ? 360 : Math.max(120, 24 * data.nClusters),
    datasets: { points: values },
    data: { name: 'points' },
    // fillOpacity, not opacity: resvg draws an element with opacity through a layer of its own, a 1000-point cost
    mark: { type: 'point', filled: true, size: 18, fillOpacity: 0.75, strokeWidth: 0 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: data.xTitle, scale: { zero: false, nice: true } },
      y:
        data.dimensions === 2
          ? { field: 'y', type: 'quantitative', title: data.yTitle, scale: { zero: false, nice: true } }
          : { field: 'cluster', type: 'nominal', title: 'cluster', sort: clusterY },
      color: {
        field: 'cluster',
        type: 'nominal',
        title: 'cluster',
        scale: clusterColorScale(data.nClusters),
        legend: { columns: legendColumns(data.nClusters), symbolOpacity: 1 },
      },
      ...(classes
        ? {
            shape: {
              field: 'class',
              type: 'nominal' as const,
              title: 'true class',
              scale: {
                domain: classes.map(className),
                range: classes.map((_, i) => classShapes[i % classShapes.length]),
              },
              legend: { columns: legendColumns(classes.length), symbolFillColor: '#666666', symbolStrokeWidth: 0 },
            },
          }
        : {}),
    },
  };
}
