import { type Tensor2D, Type } from '@gemlab/core';

/** The optional γ > 0 of a kernel; absent means 1/n_features (scikit-learn's default). */
export function gammaSchema() {
  return Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'γ > 0 (default 1/n_features)' }));
}

export function gammaOrDefault(gamma: number | undefined, x: Tensor2D): number {
  return gamma ?? 1 / x.shape[1];
}
