/** Labels as read from a file, and their integer codes. */
export interface EncodedLabels {
  readonly y: Int32Array;
  readonly classes: number;
  /** The original label of each code, `names[code]`. */
  readonly names: readonly string[];
}

/**
 * Maps raw labels to 0..C-1. When every label is an integer, codes follow numeric order (so
 * labels already in 0..C-1 keep their values); otherwise labels are strings and codes follow
 * the order of first appearance.
 */
export function encodeLabels(raw: readonly (string | number)[]): EncodedLabels {
  const integers = raw.every((label) => (typeof label === 'number' ? Number.isInteger(label) : /^\s*[+-]?\d+\s*$/.test(label)));
  const keys = raw.map((label) => (integers ? String(Number(label)) : String(label)));
  const distinct = [...new Set(keys)];
  if (integers) distinct.sort((a, b) => Number(a) - Number(b));
  const codeOf = new Map(distinct.map((key, code) => [key, code]));
  const y = Int32Array.from(keys, (key) => codeOf.get(key) as number);
  return { y, classes: distinct.length, names: distinct };
}
