import type { SweepTrial } from '../types.js';
import { compareText } from './sweep-summary.js';

/** How an axis places values on 0..1: min–max, min–max of log10 (positive values spanning ≥ 100×), or evenly by category. */
export type AxisKind = 'linear' | 'log' | 'categorical';

export interface ParallelAxis {
  readonly key: string;
  readonly title: string;
  readonly kind: AxisKind;
  readonly ticks: readonly { readonly position: number; readonly label: string }[];
}

/** Where one trial crosses one axis. */
export interface ParallelPoint {
  readonly trial: string;
  readonly axis: string;
  readonly position: number;
  readonly value: string;
  readonly gemini: number;
}

export interface ParallelCoordinates {
  readonly axes: readonly ParallelAxis[];
  readonly points: readonly ParallelPoint[];
}

/** The final-objective axis, always the last one. */
export const geminiAxisKey = 'gemini';
const unset = '(unset)';

/**
 * One axis per hyperparameter whose value differs between the finished trials (sorted by key), then the final
 * GEMINI. Every axis is normalised to 0..1 so that the lines of all trials share one vertical scale.
 */
export function parallelCoordinates(trials: readonly SweepTrial[]): ParallelCoordinates {
  const finished = trials.filter((trial) => trial.status === 'FINISHED' && Number.isFinite(trial.metrics[geminiAxisKey]));
  const keys = [...new Set(finished.flatMap((trial) => Object.keys(trial.params)))].sort(compareText);
  const columns = keys
    .map((key) => ({ key, values: finished.map((trial) => trial.params[key] ?? unset) }))
    .filter((column) => new Set(column.values).size > 1);
  columns.push({ key: geminiAxisKey, values: finished.map((trial) => String(trial.metrics[geminiAxisKey])) });
  const axes: ParallelAxis[] = [];
  const points: ParallelPoint[] = [];
  for (const column of columns) {
    const placed = placeValues(column.values);
    const isGemini = column.key === geminiAxisKey;
    axes.push({
      key: column.key,
      title: isGemini ? 'GEMINI' : placed.kind === 'log' ? `${column.key} (log)` : column.key,
      kind: placed.kind,
      ticks: isGemini ? placed.ticks.map((tick) => ({ ...tick, label: formatMetric(Number(tick.label)) })) : placed.ticks,
    });
    finished.forEach((trial, i) => {
      const value = isGemini ? formatMetric(trial.metrics[geminiAxisKey]) : column.values[i];
      points.push({
        trial: trial.name,
        axis: column.key,
        position: placed.positions[i],
        value,
        gemini: trial.metrics[geminiAxisKey],
      });
    });
  }
  return { axes, points };
}

function placeValues(values: readonly string[]): { kind: AxisKind; positions: number[]; ticks: ParallelAxis['ticks'] } {
  const numbers = values.map((value) => (value.trim() === '' ? Number.NaN : Number(value)));
  if (!numbers.every(Number.isFinite)) return placeCategories(values);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const label = (target: number) => values[numbers.indexOf(target)];
  if (min === max) return { kind: 'linear', positions: numbers.map(() => 0.5), ticks: [{ position: 0.5, label: label(min) }] };
  const log = min > 0 && max / min >= 100;
  const f = log ? Math.log10 : (v: number) => v;
  const positions = numbers.map((v) => (f(v) - f(min)) / (f(max) - f(min)));
  return {
    kind: log ? 'log' : 'linear',
    positions,
    ticks: [
      { position: 0, label: label(min) },
      { position: 1, label: label(max) },
    ],
  };
}

function placeCategories(values: readonly string[]) {
  const categories = [...new Set(values)].sort(compareText);
  const position = (i: number) => (categories.length > 1 ? i / (categories.length - 1) : 0.5);
  return {
    kind: 'categorical' as const,
    positions: values.map((value) => position(categories.indexOf(value))),
    ticks: categories.map((label, i) => ({ position: position(i), label })),
  };
}

/** Four significant digits, without exponent noise for ordinary magnitudes. */
export function formatMetric(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
