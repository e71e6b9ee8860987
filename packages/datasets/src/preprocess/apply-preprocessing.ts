import type { DataSet, PreprocessConfig, SeededRng } from '@gemlab/core';
import { applyScaler, type FeatureScaler, fitMinMax, fitStandardizer, fixedScaler } from './feature-scaler.js';
import { flatten } from './flatten.js';
import { splitTrainTest } from './split.js';
import { subsample } from './subsample.js';

/** The data a trial trains on, and the held-out part when `testFraction` > 0. */
export interface PreprocessedData {
  readonly train: DataSet;
  readonly test?: DataSet;
}

/**
 * The preprocessing every data set goes through, in this order: subsample, flatten,
 * standardize, minMax, normalize, testFraction. The test split is drawn before any statistic is
 * computed, so standardize and minMax use the training part only and apply the same map to both
 * parts; normalize is a fixed map, the same for every feature.
 * Random choices draw from streams derived from `rng`; the input is never modified.
 */
export function applyPreprocessing(data: DataSet, options: Partial<PreprocessConfig>, rng: SeededRng): PreprocessedData {
  let current = data;
  if (options.subsample !== undefined) current = subsample(current, options.subsample, rng.derive('subsample'));
  if (options.flatten) current = flatten(current);
  let { train, test } = splitTrainTest(current, options.testFraction ?? 0, rng.derive('test-split'));
  const fits: ((part: DataSet) => FeatureScaler)[] = [];
  if (options.standardize) fits.push(fitStandardizer);
  if (options.minMax) fits.push(fitMinMax);
  const { normalize } = options;
  if (normalize) fits.push((part) => fixedScaler(part.meta.features, normalize.mean, normalize.std));
  for (const fit of fits) {
    const scaler = fit(train);
    train = applyScaler(train, scaler);
    if (test) test = applyScaler(test, scaler);
  }
  return test ? { train, test } : { train };
}
