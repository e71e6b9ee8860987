import { createHash } from 'node:crypto';
import {
  createPluginContext,
  type DataSet,
  type PluginConfig,
  type PluginRegistry,
  type RunConfig,
  SeededRng,
} from '@gemlab/core';
import { applyPreprocessing } from '@gemlab/datasets';
import { canonicalJson } from './canonical.js';

export interface TrialData {
  readonly train: DataSet;
  readonly test?: DataSet;
  /** Content hash of the training values, logged as the dataset input's digest. */
  readonly digest: string;
}

// Trials of a sweep that share data settings and seed reuse the loaded data.
const cache = new Map<string, Promise<TrialData>>();

/**
 * Loads the trial's data set with the stream derived from its seed, then applies the shared
 * preprocessing. Memoised per process on (dataset section, seed).
 */
export function loadTrialData(config: RunConfig, registry: PluginRegistry, baseDir: string): Promise<TrialData> {
  const key = canonicalJson([config.dataset, config.seed, baseDir]);
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = load(config, registry, baseDir);
    loaded.catch(() => cache.delete(key));
    cache.set(key, loaded);
    if (cache.size > 8) cache.delete(cache.keys().next().value as string);
  }
  return loaded;
}

async function load(config: RunConfig, registry: PluginRegistry, baseDir: string): Promise<TrialData> {
  const rng = new SeededRng(config.seed).derive('data');
  const { preprocess, ...section } = config.dataset as PluginConfig & { preprocess: never };
  const data = await registry.create('dataset', section as PluginConfig, createPluginContext(registry, rng, baseDir));
  const { train, test } = applyPreprocessing(data, preprocess, rng.derive('preprocess'));
  const digest = createHash('sha256')
    .update(new Uint8Array(train.x.buffer, train.x.byteOffset, train.x.byteLength))
    .digest('hex');
  return { train, test, digest: digest.slice(0, 32) };
}
