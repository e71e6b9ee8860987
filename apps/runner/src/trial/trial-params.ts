import type { RunConfig } from '@gemlab/core';

/** Placeholder for a param one trial of a sweep lacks (e.g. objective.kernel.name on tv). */
export const MISSING_PARAM = 'none';

/**
 * The hyperparameters of a trial as MLflow params: dotted keys, numbers as plain numerals
 * (so the UI treats them as numeric), lists as JSON. Tracking and sweep settings are not
 * hyperparameters and are left out.
 */
export function trialParams(config: RunConfig): Record<string, string> {
  const { tracking: _tracking, sweep: _sweep, experiment: _experiment, ...rest } = config;
  const out: Record<string, string> = {};
  flatten(rest, '', out);
  return out;
}

function flatten(value: unknown, prefix: string, out: Record<string, string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out[prefix] = typeof value === 'string' ? value : JSON.stringify(value);
}

/** Fills every key of `keys` that `params` lacks, so all children of a sweep share their keys. */
export function withAllKeys(params: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = { ...params };
  for (const key of keys) out[key] ??= MISSING_PARAM;
  return out;
}
