import type { TopLevelSpec } from 'vega-lite';
import type { ParallelCoordinates } from '../data/parallel-coordinates.js';

export interface ParallelCoordinatesData extends ParallelCoordinates {
  readonly title: string;
}

/**
 * Vega-Lite's parallel-coordinates pattern with the normalisation done beforehand: one vertical axis per
 * hyperparameter that differs between trials plus the final GEMINI, each trial a line coloured by its GEMINI,
 * each axis labelled with its own values (min and max, or every category).
 */
export function parallelCoordinatesSpec(data: ParallelCoordinatesData): TopLevelSpec {
  const axisOrder = data.axes.map((axis) => axis.key);
  const titles = Object.fromEntries(data.axes.map((axis) => [axis.key, axis.title]));
  const x = {
    field: 'axis',
    type: 'nominal' as const,
    sort: axisOrder,
    title: null,
    scale: { domain: axisOrder, padding: 0.2 },
    axis: {
      orient: 'top' as const,
      offset: 14,
      domain: false,
      ticks: false,
      grid: false,
      labelAngle: 0,
      labelLimit: 140,
      labelExpr: `${JSON.stringify(titles)}[datum.value]`,
    },
  };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: null };
  const ticks = data.axes.flatMap((axis) =>
    axis.ticks.map((tick) => ({ axis: axis.key, position: tick.position, label: tick.label })),
  );
  return {
    title: { text: 'Hyperparameters and final GEMINI', subtitle: `${data.title} · one line per finished trial` },
    width: Math.max(320, 130 * data.axes.length),
    height: 300,
    view: { stroke: null },
    datasets: {
      axes: axisOrder.map((axis) => ({ axis, bottom: 0, top: 1 })),
      lines: data.points.map((point) => ({ ...point })),
      ticks,
    },
    layer: [
      {
        data: { name: 'axes' },
        mark: { type: 'rule', color: '#bbbbbb' },
        encoding: { x, y: { ...y, field: 'bottom' }, y2: { field: 'top' } },
      },
      {
        data: { name: 'lines' },
        mark: { type: 'line', strokeWidth: 1.5, strokeOpacity: 0.8 },
        encoding: {
          x,
          y: { ...y, field: 'position' },
          detail: { field: 'trial', type: 'nominal' },
          color: { field: 'gemini', type: 'quantitative', title: 'GEMINI', scale: { scheme: 'viridis' } },
          tooltip: [
            { field: 'trial', type: 'nominal' },
            { field: 'axis', type: 'nominal', title: 'axis' },
            { field: 'value', type: 'nominal' },
            { field: 'gemini', type: 'quantitative', title: 'GEMINI', format: '.4~g' },
          ],
        },
      },
      // each tick label twice: a white halo first, so that the label stays readable over the lines
      ...['white', '#333333'].map((fill) => ({
        data: { name: 'ticks' },
        mark: {
          type: 'text' as const,
          align: 'left' as const,
          dx: 5,
          fontSize: 10,
          color: fill,
          ...(fill === 'white' ? { stroke: 'white', strokeWidth: 3, strokeJoin: 'round' as const } : {}),
        },
        encoding: { x, y: { ...y, field: 'position' }, text: { field: 'label' } },
      })),
    ],
  };
}
