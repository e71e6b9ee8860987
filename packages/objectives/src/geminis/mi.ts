import { defineObjective, Type } from '@gemlab/core';
import { epsilonSchema, geminiObjective } from './gemini-objective.js';
import { klDivergence } from './kl.js';

/** The mutual information I(X; Y): the KL GEMINI one-vs-all, the only GEMINI used before the paper. */
export const mi = defineObjective({
  name: 'mi',
  description: 'mutual information (the KL GEMINI one-vs-all)',
  schema: Type.Object({ epsilon: epsilonSchema() }),
  create: ({ epsilon }) => geminiObjective('mi', { mode: 'ova', epsilon }, klDivergence, undefined, { replicas: true }),
});
