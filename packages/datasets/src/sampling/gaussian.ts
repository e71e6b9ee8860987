import type { SeededRng } from '@gemlab/core';

/** Writes one draw of N(mean, L·Lᵀ) into out[offset .. offset + d), L lower-triangular row-major. */
export function writeGaussian(
  rng: SeededRng,
  mean: readonly number[],
  lower: Float64Array,
  out: Float32Array,
  offset: number,
): void {
  const d = mean.length;
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) z[i] = rng.normal();
  for (let i = 0; i < d; i++) {
    let value = mean[i] as number;
    for (let k = 0; k <= i; k++) value += (lower[i * d + k] as number) * (z[k] as number);
    out[offset + i] = value;
  }
}

/** Writes d independent N(mean_i, sd²) draws into out[offset .. offset + d). */
export function writeIsotropicGaussian(
  rng: SeededRng,
  mean: readonly number[],
  sd: number,
  out: Float32Array,
  offset: number,
): void {
  for (let i = 0; i < mean.length; i++) out[offset + i] = (mean[i] as number) + sd * rng.normal();
}
