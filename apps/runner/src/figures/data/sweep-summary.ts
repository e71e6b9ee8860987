import type { SweepTrial } from '../types.js';

/** One finished trial's value of a metric, placed by objective and K. */
export interface KObservation {
  readonly objective: string;
  readonly k: number;
  readonly repeat: number;
  readonly trial: string;
  readonly value: number;
}

/** Mean ± sample standard deviation (n − 1; 0 for a single repeat) of a metric over the repeats of one (objective, K). */
export interface KSummary {
  readonly objective: string;
  readonly k: number;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly lower: number;
  readonly upper: number;
}

/** The finished trials' finite values of `metric`, in (objective, K, repeat, name) order. */
export function metricObservations(trials: readonly SweepTrial[], metric: string): KObservation[] {
  return trials
    .filter((trial) => trial.status === 'FINISHED' && Number.isFinite(trial.metrics[metric]))
    .map((trial) => ({
      objective: trial.objective,
      k: trial.k,
      repeat: trial.repeat,
      trial: trial.name,
      value: trial.metrics[metric],
    }))
    .sort((a, b) => compareText(a.objective, b.objective) || a.k - b.k || a.repeat - b.repeat || compareText(a.trial, b.trial));
}

/** Groups observations by (objective, K) and summarises each group in float64 (two-pass variance). */
export function summariseByObjectiveAndK(observations: readonly KObservation[]): KSummary[] {
  const groups = new Map<string, KObservation[]>();
  for (const observation of observations) {
    const key = JSON.stringify([observation.objective, observation.k]);
    const group = groups.get(key);
    if (group) group.push(observation);
    else groups.set(key, [observation]);
  }
  const summaries = [...groups.values()].map((group): KSummary => {
    const n = group.length;
    const mean = group.reduce((sum, o) => sum + o.value, 0) / n;
    const sd = n > 1 ? Math.sqrt(group.reduce((sum, o) => sum + (o.value - mean) ** 2, 0) / (n - 1)) : 0;
    return { objective: group[0].objective, k: group[0].k, n, mean, sd, lower: mean - sd, upper: mean + sd };
  });
  return summaries.sort((a, b) => compareText(a.objective, b.objective) || a.k - b.k);
}

/** The distinct objectives of some observations, sorted: the colour domain of every sweep figure. */
export function objectivesOf(observations: readonly { readonly objective: string }[]): string[] {
  return [...new Set(observations.map((o) => o.objective))].sort(compareText);
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
