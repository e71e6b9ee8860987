/**
 * The hard cluster of each sample: the index of the largest probability in each row of a
 * row-major N×K matrix (the first one on ties).
 */
export function argmaxRows(probs: Float32Array, nClusters: number): Int32Array {
  if (!Number.isInteger(nClusters) || nClusters < 1)
    throw new RangeError(`nClusters must be a positive integer, got ${nClusters}`);
  if (probs.length % nClusters !== 0) {
    throw new RangeError(`probs has ${probs.length} entries, not a multiple of nClusters=${nClusters}`);
  }
  const n = probs.length / nClusters;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const offset = i * nClusters;
    let best = 0;
    for (let k = 1; k < nClusters; k++) if (probs[offset + k] > probs[offset + best]) best = k;
    labels[i] = best;
  }
  return labels;
}
