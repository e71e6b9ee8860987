import { type ParamValue, TrackingError } from '@gemlab/core';
import {
  MAX_DATASET_DIGEST_LENGTH,
  MAX_DATASET_NAME_LENGTH,
  MAX_EXPERIMENT_NAME_LENGTH,
  MAX_KEY_LENGTH,
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
} from './limits.js';

const KEY_PATTERN = /^[/\w.\- ]*$/;
/** Keys already found valid: the same few keys are checked on every epoch of every run. */
const validKeys = new Set<string>();
const MAX_REMEMBERED_KEYS = 10_000;

/** Shortens a user value for an error message. */
function preview(value: string): string {
  return value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}…` : JSON.stringify(value);
}

/** True when every '/'-separated segment is a real name (MLflow rejects keys that normalise to another path). */
function isNormalPath(name: string): boolean {
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Checks a metric, param or tag key against MLflow's rules: `^[/\w.\- ]*$`, 250 chars, a normal path. */
export function checkKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  if (validKeys.has(key)) return;
  if (!KEY_PATTERN.test(key)) {
    throw new TrackingError(`invalid ${kind} key ${preview(key)}: only letters, digits and _ - . space / are allowed`);
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new TrackingError(`invalid ${kind} key ${preview(key)}: ${key.length} characters (at most ${MAX_KEY_LENGTH})`);
  }
  if (!isNormalPath(key)) {
    throw new TrackingError(`invalid ${kind} key ${preview(key)}: empty, '.' or '..' path segments are not allowed`);
  }
  if (validKeys.size < MAX_REMEMBERED_KEYS) validKeys.add(key);
}

/** Formats a param value the way MLflow stores it (numbers parse back with `Number()`). */
export function paramToString(value: ParamValue): string {
  return typeof value === 'string' ? value : String(value);
}

/** Checks a param and returns its string value; refuses (never truncates) values over 6000 chars. */
export function checkParam(key: string, value: ParamValue): string {
  checkKey('param', key);
  const text = paramToString(value);
  if (text.length > MAX_PARAM_VALUE_LENGTH) {
    throw new TrackingError(
      `param '${key}' is ${text.length} characters long (at most ${MAX_PARAM_VALUE_LENGTH}); log it as an artifact instead`,
    );
  }
  return text;
}

/** Checks a tag; refuses (never truncates) values over 8000 chars. */
export function checkTag(key: string, value: string): void {
  checkKey('tag', key);
  if (typeof value !== 'string') throw new TrackingError(`tag '${key}' must be a string (got ${typeof value})`);
  if (value.length > MAX_TAG_VALUE_LENGTH) {
    throw new TrackingError(
      `tag '${key}' is ${value.length} characters long (at most ${MAX_TAG_VALUE_LENGTH}); log it as an artifact instead`,
    );
  }
}

/** Checks a metric point: a valid key, a number value (NaN and ±Infinity allowed) and an integer step. */
export function checkMetric(key: string, value: number, step: number): void {
  checkKey('metric', key);
  if (typeof value !== 'number') throw new TrackingError(`metric '${key}' must be a number (got ${typeof value})`);
  if (!Number.isSafeInteger(step)) throw new TrackingError(`metric '${key}': step must be an integer (got ${step})`);
}

export function checkExperimentName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new TrackingError('experiment name must be a non-empty string');
  if (name.length > MAX_EXPERIMENT_NAME_LENGTH) {
    throw new TrackingError(`experiment name ${preview(name)} is longer than ${MAX_EXPERIMENT_NAME_LENGTH} characters`);
  }
}

export function checkRunName(name: string): void {
  if (typeof name !== 'string' || name === '') throw new TrackingError('run name must be a non-empty string');
  if (name.length > MAX_TAG_VALUE_LENGTH) {
    throw new TrackingError(`run name ${preview(name)} is longer than ${MAX_TAG_VALUE_LENGTH} characters`);
  }
}

export function checkDataset(name: string, digest: string): void {
  if (name === '' || name.length > MAX_DATASET_NAME_LENGTH) {
    throw new TrackingError(`dataset name ${preview(name)} must have 1 to ${MAX_DATASET_NAME_LENGTH} characters`);
  }
  if (digest === '' || digest.length > MAX_DATASET_DIGEST_LENGTH) {
    throw new TrackingError(
      `dataset '${name}': digest ${preview(digest)} must have 1 to ${MAX_DATASET_DIGEST_LENGTH} characters`,
    );
  }
}

/**
 * Checks an artifact path: relative, '/'-separated, nested allowed (`figures/k_curve.svg`);
 * no absolute paths, backslashes, empty, '.' or '..' segments.
 */
export function checkArtifactPath(path: string): void {
  if (typeof path !== 'string' || path === '' || path.includes('\\') || path.includes('\0') || !isNormalPath(path)) {
    throw new TrackingError(
      `invalid artifact path ${preview(String(path))}: use a relative '/'-separated path without '.', '..' or empty segments`,
    );
  }
}
