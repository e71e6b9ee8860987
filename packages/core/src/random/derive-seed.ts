/**
 * Derives an independent 32-bit seed from a parent seed and a label path, so each consumer
 * (data, init, shuffle, sweep sampling, repeat r) has its own stream: changing how much one
 * consumer draws never shifts another's numbers.
 */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i));
    h = mix32(h ^ 0x85ebca6b); // separator, so ('ab','c') differs from ('a','bc')
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
