import { GeminiClustering, type PluginRegistry, type RunConfig, withoutScalars } from '@gemlab/core';
import { canonicalJson } from '../trial/canonical.js';
import { estimatorOf } from '../trial/run-trial.js';
import type { TrialSpec } from '../trial/trial-spec.js';

/** `batchTrials: auto` puts at most this many trials in one batch. */
export const AUTO_MAX_REPLICAS = 20;

export type BatchTrialsSetting = NonNullable<RunConfig['sweep']>['batchTrials'];

/**
 * The sweep's trials as units to run: single trials, and batches of trials that differ only in
 * what one batched program can vary per replica (seed, model.nClusters, the learning rate, the
 * objective's scalar params) and whose model trains as stacked replicas (no VAT; linear, and
 * mlp without batch norm or dropout). 'auto' caps a batch at 20 trials and splits a group
 * evenly enough that every worker gets one; a number caps it there; 'off' (or 1) batches nothing.
 * Units come in the order of their first trial.
 */
export function groupTrials(
  trials: readonly TrialSpec[],
  setting: BatchTrialsSetting,
  options: { readonly workers: number; readonly registry: PluginRegistry; readonly baseDir: string },
): TrialSpec[][] {
  if (setting === 'off' || setting === 1 || trials.length < 2) return trials.map((trial) => [trial]);
  const groups = new Map<string, TrialSpec[]>();
  for (const trial of trials) {
    const key = batchKey(trial.config);
    const group = groups.get(key);
    if (group) group.push(trial);
    else groups.set(key, [trial]);
  }
  const units: TrialSpec[][] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !batchable(group, options)) {
      units.push(...group.map((trial) => [trial]));
      continue;
    }
    const cap =
      setting === 'auto' ? Math.min(AUTO_MAX_REPLICAS, Math.ceil(group.length / Math.max(1, options.workers))) : setting;
    const count = Math.ceil(group.length / cap);
    const size = Math.ceil(group.length / count); // even batches: 25 trials at cap 20 → 13 + 12, not 20 + 5
    for (let start = 0; start < group.length; start += size) units.push(group.slice(start, start + size));
  }
  const order = new Map(trials.map((trial, i) => [trial.id, i]));
  return units.sort((a, b) => (order.get((a[0] as TrialSpec).id) as number) - (order.get((b[0] as TrialSpec).id) as number));
}

/** What must be equal for trials to share a batch: the config without the per-replica values. */
function batchKey(config: RunConfig): string {
  const { seed: _seed, tracking: _tracking, sweep: _sweep, experiment: _experiment, ...rest } = config;
  const { nClusters: _k, ...model } = rest.model;
  const { learningRate: _rate, ...optimizer } = rest.training.optimizer;
  return canonicalJson({
    ...rest,
    model,
    training: { ...rest.training, optimizer },
    objective: withoutScalars(rest.objective),
  });
}

/** The estimator's own check (architecture support, VAT) on the group's first two trials: the rest share their key. */
function batchable(
  group: readonly TrialSpec[],
  options: { readonly registry: PluginRegistry; readonly baseDir: string },
): boolean {
  const estimators = group.slice(0, 2).map(({ config }) => estimatorOf(config, options));
  return GeminiClustering.replicaBlocker(estimators) === undefined;
}
