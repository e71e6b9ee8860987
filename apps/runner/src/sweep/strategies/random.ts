import type { SeededRng } from '@gemlab/core';
import type { SweepStrategy } from '../sweep-strategy.js';
import { gridValues, type SweepValues } from '../sweep-values.js';

/** `samples` points, each parameter drawn independently from its space with the sweep's seeded stream. */
export const randomStrategy: SweepStrategy = {
  name: 'random',
  *points(parameters, { rng, samples }) {
    for (let i = 0; i < samples; i++) {
      const pointRng = rng.derive('point', i);
      yield Object.fromEntries(
        Object.entries(parameters).map(([path, values]) => [path, draw(values, path, pointRng.derive(path))]),
      );
    }
  },
};

function draw(values: SweepValues, path: string, rng: SeededRng): unknown {
  if (typeof values === 'object' && !Array.isArray(values)) {
    if ('uniform' in values) return rng.uniform(values.uniform[0], values.uniform[1]);
    if ('logUniform' in values) {
      const [low, high] = values.logUniform;
      return Math.exp(rng.uniform(Math.log(low), Math.log(high)));
    }
  }
  const choices = gridValues(values, path);
  return choices[rng.int(choices.length)];
}
