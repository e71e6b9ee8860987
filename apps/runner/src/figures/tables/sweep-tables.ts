import { compareText } from '../data/sweep-summary.js';
import type { SweepTrial } from '../types.js';
import { toCsv } from './csv.js';

/**
 * One row per trial, in the order given: name, status, objective, k, repeat, then `metrics.<key>` and
 * `params.<key>` columns (the union over trials, sorted), empty where a trial lacks one.
 */
export function sweepTrialsCsv(trials: readonly SweepTrial[]): string {
  const metricKeys = [...new Set(trials.flatMap((trial) => Object.keys(trial.metrics)))].sort(compareText);
  const paramKeys = [...new Set(trials.flatMap((trial) => Object.keys(trial.params)))].sort(compareText);
  return toCsv(
    [
      'name',
      'status',
      'objective',
      'k',
      'repeat',
      ...metricKeys.map((key) => `metrics.${key}`),
      ...paramKeys.map((key) => `params.${key}`),
    ],
    trials.map((trial) => [
      trial.name,
      trial.status,
      trial.objective,
      trial.k,
      trial.repeat,
      ...metricKeys.map((key) => trial.metrics[key]),
      ...paramKeys.map((key) => trial.params[key]),
    ]),
  );
}
