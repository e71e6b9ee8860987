import type { TrialFigureInput } from '../types.js';

/**
 * A small hand-made trial for snapshots: 60 samples of 3 classes (i mod 3) in 2-D, the class c sitting around
 * (3c, c²) on a fixed 5 × 4 lattice of offsets; cluster = (class + 1) mod 3, except samples 0, 1, 2 which go to
 * cluster 0, so K = 4 leaves cluster 3 empty. 12 epochs of history.
 */
export function smallTrial(options: { withLabels?: boolean; withVat?: boolean; d?: number } = {}): TrialFigureInput {
  const n = 60;
  const d = options.d ?? 2;
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const clusters = Int32Array.from(labels, (c, i) => (i < 3 ? 0 : (c + 1) % 3));
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    const offset = Math.floor(i / 3);
    for (let j = 0; j < d; j++) {
      const centre = j === 0 ? 3 * c : j === 1 ? c * c : c - j;
      x[i * d + j] = centre + ((offset % 5) - 2) * 0.3 + (j === 1 ? (Math.floor(offset / 5) - 1.5) * 0.3 : 0);
    }
  }
  const history = Array.from({ length: 12 }, (_, e) => ({
    epoch: e + 1,
    gemini: 1 - 1 / (e + 2),
    loss: -(1 - 1 / (e + 2)) + (options.withVat ? 0.1 / (e + 1) : 0),
    ...(options.withVat ? { vat: 0.1 / (e + 1) } : {}),
  }));
  return {
    title: 'tv-ova-k4-r0',
    x,
    sampleShape: [d],
    clusters,
    nClusters: 4,
    ...(options.withLabels === false ? {} : { labels }),
    history,
  };
}
