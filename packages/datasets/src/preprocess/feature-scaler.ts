import type { DataSet } from '@gemlab/core';

/** A per-feature affine map x -> (x - offset) / scale, fitted on the training part only. */
export interface FeatureScaler {
  readonly offset: Float64Array;
  readonly scale: Float64Array;
}

/**
 * Mean and population standard deviation per feature (scikit-learn's StandardScaler). A
 * constant feature gets scale 1, so it becomes 0 instead of NaN.
 */
export function fitStandardizer(data: DataSet): FeatureScaler {
  const { n, features } = data.meta;
  const mean = new Float64Array(features);
  const squares = new Float64Array(features);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < features; j++) mean[j] = (mean[j] as number) + (data.x[i * features + j] as number);
  for (let j = 0; j < features; j++) mean[j] = (mean[j] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < features; j++) {
      const centred = (data.x[i * features + j] as number) - (mean[j] as number);
      squares[j] = (squares[j] as number) + centred * centred;
    }
  }
  const scale = squares.map((sum) => nonZero(Math.sqrt(sum / n)));
  return { offset: mean, scale };
}

/** Minimum and range per feature (scikit-learn's MinMaxScaler); a constant feature gets range 1. */
export function fitMinMax(data: DataSet): FeatureScaler {
  const { n, features } = data.meta;
  const min = new Float64Array(features).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(features).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < features; j++) {
      const value = data.x[i * features + j] as number;
      if (value < (min[j] as number)) min[j] = value;
      if (value > (max[j] as number)) max[j] = value;
    }
  }
  return { offset: min, scale: max.map((high, j) => nonZero(high - (min[j] as number))) };
}

/** The same map x -> (x - offset) / scale for every feature (torchvision's Normalize). */
export function fixedScaler(features: number, offset: number, scale: number): FeatureScaler {
  return { offset: new Float64Array(features).fill(offset), scale: new Float64Array(features).fill(scale) };
}

/** The data set with the scaler applied to every sample. */
export function applyScaler(data: DataSet, scaler: FeatureScaler): DataSet {
  const features = data.meta.features;
  const x = new Float32Array(data.x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i % features;
    x[i] = ((data.x[i] as number) - (scaler.offset[j] as number)) / (scaler.scale[j] as number);
  }
  return { ...data, x };
}

/** Constant features (zero spread, up to float32 rounding) are left unscaled. */
function nonZero(spread: number): number {
  return spread > 0 && Number.isFinite(1 / spread) ? spread : 1;
}
