import type { SeededRng } from '@gemlab/core';
import type { SweepValues } from './sweep-values.js';

/**
 * How a sweep turns `sweep.parameters` into points (path → value). Called once per sweep by
 * `expandSweep`, before any trial runs; must be deterministic given the parameters and `rng`
 * (so a re-run or resume sees the same trials). A new strategy is one file in strategies/
 * and one entry in `SWEEP_STRATEGIES`.
 */
export interface SweepStrategy {
  readonly name: string;
  points(
    parameters: Readonly<Record<string, SweepValues>>,
    options: { readonly rng: SeededRng; readonly samples: number },
  ): Iterable<Record<string, unknown>>;
}
