import type { Affinity } from './affinity.js';

/**
 * A ground cost c(x, y) ≥ 0, used by Wasserstein GEMINIs as the optimal-transport cost.
 * `compute(x, y)` returns D_ij = c(x_i, y_j); with y omitted, y = x, D is symmetric with a
 * zero diagonal. See contracts/affinity.ts for who calls it and when.
 */
export type Distance = Affinity;
