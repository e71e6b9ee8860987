import type { Affinity } from './affinity.js';

/**
 * A positive (semi-)definite similarity κ(x, y), used by MMD GEMINIs.
 * `compute(x, y)` returns the Gram matrix K_ij = κ(x_i, y_j); with y omitted, y = x and the
 * result is symmetric. See contracts/affinity.ts for who calls it and when.
 */
export type Kernel = Affinity;
