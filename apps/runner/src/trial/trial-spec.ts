import type { RunConfig } from '@gemlab/core';
import { hashId } from './canonical.js';

/** One trial of a sweep (or the single trial of `gemlab run`), fully resolved. */
export interface TrialSpec {
  /** Deterministic: hash of the canonical trial config (which includes its seed). */
  readonly id: string;
  /** Readable run name, e.g. `tv-ova-k4-r0`. */
  readonly name: string;
  /** The validated, defaulted config of this trial (no sweep section). */
  readonly config: RunConfig;
  /** The sweep values of this trial, by config path. */
  readonly point: Readonly<Record<string, unknown>>;
  readonly repeat: number;
}

export type TrialStatus = 'FINISHED' | 'FAILED' | 'KILLED';

export interface TrialResult {
  readonly id: string;
  readonly name: string;
  readonly status: TrialStatus;
  readonly runId?: string;
  readonly point: Readonly<Record<string, unknown>>;
  readonly repeat: number;
  readonly params: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly error?: string;
  /** True when the trial was already FINISHED in the store and was not run again. */
  readonly skipped?: boolean;
}

/** The parts of a config that change a trial's numbers: everything but where it is logged. */
export function trialId(config: RunConfig): string {
  const { tracking: _tracking, sweep: _sweep, experiment: _experiment, ...identity } = config;
  return hashId(identity);
}

/** `tv-ova-k4-r0`: objective, mode, K and repeat. */
export function trialName(config: RunConfig, repeat: number): string {
  const mode = typeof config.objective.mode === 'string' ? `-${config.objective.mode}` : '';
  return `${config.objective.name}${mode}-k${String(config.model.nClusters)}-r${repeat}`;
}
