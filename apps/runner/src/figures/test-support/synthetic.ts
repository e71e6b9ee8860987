import { SeededRng } from '@gemlab/core';
import type { SweepTrial, TrialFigureInput } from '../types.js';

/**
 * A deterministic trial: `nClasses` Gaussian blobs of `n` points in `d` dimensions, a clustering that is right
 * for most samples, and a GEMINI that rises (and a loss that falls) over `epochs` epochs.
 */
export function syntheticTrial(options: {
  title?: string;
  n: number;
  d: number;
  nClusters: number;
  nClasses?: number;
  epochs: number;
  seed?: number;
  withLabels?: boolean;
  withVat?: boolean;
}): TrialFigureInput {
  const rng = new SeededRng(options.seed ?? 1);
  const nClasses = options.nClasses ?? Math.min(options.nClusters, 4);
  const centres = Array.from({ length: nClasses }, () => Array.from({ length: options.d }, () => rng.normal(0, 4)));
  const x = new Float32Array(options.n * options.d);
  const labels = new Int32Array(options.n);
  const clusters = new Int32Array(options.n);
  for (let i = 0; i < options.n; i++) {
    const c = i % nClasses;
    labels[i] = c;
    for (let j = 0; j < options.d; j++) x[i * options.d + j] = centres[c][j] + rng.normal();
    // clusters are the classes shifted by one, with 10% of samples sent elsewhere at random
    clusters[i] = rng.next() < 0.9 ? (c + 1) % Math.min(nClasses, options.nClusters) : rng.int(options.nClusters);
  }
  const history = Array.from({ length: options.epochs }, (_, e) => {
    const gemini = 1.2 * (1 - Math.exp(-(e + 1) / 12)) + 0.01 * rng.normal();
    return { epoch: e + 1, gemini, loss: -gemini, ...(options.withVat ? { vat: 0.05 * Math.exp(-e / 20) } : {}) };
  });
  return {
    title: options.title ?? `synthetic-k${options.nClusters}`,
    x,
    sampleShape: [options.d],
    clusters,
    nClusters: options.nClusters,
    ...(options.withLabels === false ? {} : { labels }),
    history,
  };
}

/** A deterministic sweep: objectives × K × repeats, GEMINI growing with K, some failures; `ari` for every finished trial. */
export function syntheticSweep(options: {
  objectives: readonly string[];
  ks: readonly number[];
  repeats: number;
  seed?: number;
}): SweepTrial[] {
  const rng = new SeededRng(options.seed ?? 7);
  const trials: SweepTrial[] = [];
  options.objectives.forEach((objective, o) => {
    for (const k of options.ks) {
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const name = `${objective}-k${k}-r${repeat}`;
        const failed = rng.next() < 0.04;
        const lr = [0.001, 0.01, 0.1][(repeat + o) % 3];
        const used = Math.max(1, Math.min(k, Math.round(3 + o + rng.normal(0, 0.6))));
        trials.push({
          name,
          status: failed ? 'FAILED' : 'FINISHED',
          objective,
          k,
          repeat,
          params: {
            'objective.name': objective.split('-')[0],
            'objective.mode': objective.includes('ovo') ? 'ovo' : 'ova',
            'model.nClusters': String(k),
            'train.lr': String(lr),
            'train.epochs': '100',
            seed: String(repeat),
          },
          metrics: failed
            ? {}
            : {
                gemini: (0.3 + 0.15 * o) * Math.log(k) + rng.normal(0, 0.04),
                used_clusters: used,
                ari: Math.min(1, Math.max(-0.2, 0.9 - 0.08 * Math.abs(k - 4) + rng.normal(0, 0.05))),
              },
        });
      }
    }
  });
  return trials;
}
