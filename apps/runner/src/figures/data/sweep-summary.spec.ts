import { describe, expect, it } from 'vitest';
import type { SweepTrial } from '../types.js';
import { metricObservations, objectivesOf, summariseByObjectiveAndK } from './sweep-summary.js';

function trial(
  objective: string,
  k: number,
  repeat: number,
  metrics: Record<string, number>,
  status: SweepTrial['status'] = 'FINISHED',
): SweepTrial {
  return { name: `${objective}-k${k}-r${repeat}`, status, objective, k, repeat, params: {}, metrics };
}

describe('sweep summaries', () => {
  const trials = [
    trial('tv-ova', 3, 1, { gemini: 2 }),
    trial('tv-ova', 3, 0, { gemini: 1 }),
    trial('tv-ova', 3, 2, { gemini: 3 }),
    trial('tv-ova', 2, 0, { gemini: 0.5 }),
    trial('kl-ova', 3, 0, { gemini: 7 }),
    trial('kl-ova', 3, 1, { gemini: 100 }, 'FAILED'),
    trial('kl-ova', 3, 2, { gemini: Number.NaN }),
    trial('kl-ova', 4, 0, {}),
  ];

  it('keeps finished trials with a finite value, ordered by objective, K, repeat', () => {
    const observations = metricObservations(trials, 'gemini');
    expect(observations.map((o) => o.trial)).toEqual([
      'kl-ova-k3-r0',
      'tv-ova-k2-r0',
      'tv-ova-k3-r0',
      'tv-ova-k3-r1',
      'tv-ova-k3-r2',
    ]);
    expect(metricObservations(trials, 'ari')).toEqual([]);
  });

  it('gives mean ± sample sd per (objective, K): {1, 2, 3} → 2 ± 1; a single repeat → sd 0', () => {
    const summaries = summariseByObjectiveAndK(metricObservations(trials, 'gemini'));
    expect(summaries).toEqual([
      { objective: 'kl-ova', k: 3, n: 1, mean: 7, sd: 0, lower: 7, upper: 7 },
      { objective: 'tv-ova', k: 2, n: 1, mean: 0.5, sd: 0, lower: 0.5, upper: 0.5 },
      { objective: 'tv-ova', k: 3, n: 3, mean: 2, sd: 1, lower: 1, upper: 3 },
    ]);
  });

  it('lists objectives sorted by code unit, independent of locale', () => {
    expect(
      objectivesOf([{ objective: 'tv' }, { objective: 'TV' }, { objective: 'mmd-ovo(linear)' }, { objective: 'tv' }]),
    ).toEqual(['TV', 'mmd-ovo(linear)', 'tv']);
  });
});
