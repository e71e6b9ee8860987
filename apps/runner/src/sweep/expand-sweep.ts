import { ConfigError, type ConfigProblem, deriveSeed, type RunConfig, SeededRng, setPath } from '@gemlab/core';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { hashId } from '../trial/canonical.js';
import { type TrialSpec, trialId, trialName } from '../trial/trial-spec.js';
import { SWEEP_STRATEGIES } from './strategies/index.js';
import type { SweepValues } from './sweep-values.js';

export interface ExpandedSweep {
  /** Stable identity of the sweep (experiment + sweep name): what resume looks for. */
  readonly sweepId: string;
  readonly name: string;
  /** Hash of everything that defines the trials; a resume with a different one is refused. */
  readonly definitionHash: string;
  readonly trials: readonly TrialSpec[];
}

/** The seed of repeat r of a point: derived from the root seed, so repeats are independent streams. */
export function repeatSeed(rootSeed: number, repeat: number): number {
  return deriveSeed(rootSeed, 'repeat', repeat);
}

/**
 * Sweep section → trials: points from the strategy, × repeats with derived seeds, each
 * applied to the config as written and validated on its own, all before any trial runs.
 * A config without a sweep section is a sweep of one point.
 */
export function expandSweep(resolved: ResolvedConfig): ExpandedSweep {
  const { config, raw, validator } = resolved;
  const sweep = config.sweep ?? SINGLE_POINT;
  const strategy = SWEEP_STRATEGIES[sweep.strategy];
  if (!strategy) throw new ConfigError([{ path: 'sweep.strategy', message: `unknown strategy '${sweep.strategy}'` }]);
  const parameters = sweep.parameters as Record<string, SweepValues>;
  const rng = new SeededRng(config.seed).derive('sweep');
  const { sweep: _sweep, ...base } = raw;
  const trials: TrialSpec[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const point of strategy.points(parameters, { rng, samples: sweep.samples })) {
    for (let repeat = 0; repeat < sweep.repeats; repeat++) {
      const trialRaw = structuredClone(base);
      for (const [path, value] of Object.entries(point)) setPath(trialRaw, path, value);
      trialRaw.seed = repeatSeed(config.seed, repeat);
      let trialConfig: RunConfig;
      try {
        trialConfig = validator.resolve(trialRaw);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const where = `sweep point ${JSON.stringify(point)}`;
        for (const p of error.problems) problems.push({ path: p.path, message: `${p.message} (${where})` });
        continue;
      }
      const id = trialId(trialConfig);
      if (seen.has(id)) continue; // two points that resolve to the same trial run once
      seen.add(id);
      trials.push({ id, name: trialName(trialConfig, repeat), config: trialConfig, point, repeat });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.slice(0, 20));
  const name = sweep.name ?? resolved.sourceName;
  return {
    sweepId: hashId({ experiment: config.experiment, name }),
    name,
    definitionHash: hashId(trials.map((t) => t.id)),
    trials,
  };
}

const SINGLE_POINT: NonNullable<RunConfig['sweep']> = {
  strategy: 'grid',
  parameters: {},
  samples: 1,
  repeats: 1,
  workers: 1,
  retries: 0,
  failFast: 0,
  batchTrials: 'off',
};
