/** Labels of one labelling mapped to 0..n-1 (in ascending order of the original values). */
export interface EncodedLabels {
  /** The distinct original labels, ascending; `values[codes[i]]` is sample i's label. */
  readonly values: readonly number[];
  readonly codes: Int32Array;
}

/** Encodes a labelling; labels must be finite numbers (a NaN or ±Infinity is a programmer error). */
export function encodeLabels(labels: ArrayLike<number>, what = 'labels'): EncodedLabels {
  const distinct = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isFinite(label)) throw new RangeError(`${what}[${i}] must be a finite number, got ${label}`);
    distinct.add(label);
  }
  const values = [...distinct].sort((a, b) => a - b);
  const codeOf = new Map(values.map((value, code) => [value, code]));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = codeOf.get(labels[i]) as number;
  return { values, codes };
}

/** Throws a RangeError unless both labellings are non-empty and of equal length. */
export function checkPairedLabels(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): void {
  if (labelsTrue.length !== labelsPred.length) {
    throw new RangeError(
      `labelsTrue and labelsPred must have the same length, got ${labelsTrue.length} and ${labelsPred.length}`,
    );
  }
  if (labelsTrue.length === 0) throw new RangeError('labelsTrue and labelsPred must not be empty');
}
