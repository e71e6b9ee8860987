/**
 * At most `max` sample indices, evenly spaced over 0..n-1 (all of them when n <= max). Deterministic, and data
 * stored class by class keeps its class proportions.
 */
export function evenlySpacedIndices(n: number, max: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}
