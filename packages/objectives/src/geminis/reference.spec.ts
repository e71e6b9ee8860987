import { initBackend, SeededRng, type Tensor2D, tf } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec } from '../testing.js';
import { chi2 } from './chi2.js';
import { hellinger } from './hellinger.js';
import { kl } from './kl.js';
import { mi } from './mi.js';
import { mmd } from './mmd.js';
import { tv } from './tv.js';

// Every closed-form GEMINI against two independent float64 references on random inputs:
// (a) gemclus 1.1.1 (the paper authors' library), value and gradient; (b) a plain transcription
// of gemini-math.md's batch-estimator table (below), which shares no code with the plugins
// (they compute divergences between cluster laws; the table uses the simplified forms).

const N = 24;
const K = 4;
const rng = new SeededRng(2024);
const p32 = (() => {
  const values = new Float32Array(N * K);
  for (let i = 0; i < N; i++) {
    const logits = Array.from({ length: K }, () => 1.5 * rng.normal());
    const sum = logits.reduce((a, l) => a + Math.exp(l), 0);
    logits.forEach((l, k) => {
      values[i * K + k] = Math.exp(l) / sum;
    });
  }
  return values;
})();
/** p as float32 values (what the tensor sees), as float64 rows. */
const p = Array.from({ length: N }, (_, i) => Array.from(p32.subarray(i * K, (i + 1) * K)));
const x = Array.from({ length: N }, () => [rng.normal(), rng.normal(), rng.normal()]);

type Mode = 'ova' | 'ovo';
const table = {
  kl: (q: number[][], mode: Mode) => {
    const pi = proportions(q);
    const entropy = mean(q.map((row) => sum(row.map((v) => v * Math.log(v)))));
    if (mode === 'ova') return entropy - sum(pi.map((v) => v * Math.log(v)));
    return entropy - sum(pi.map((v, l) => v * mean(q.map((row) => Math.log(row[l] as number)))));
  },
  tv: (q: number[][], mode: Mode) => {
    const pi = proportions(q);
    if (mode === 'ova') return sum(q.map((row) => sum(row.map((v, k) => Math.abs(v - (pi[k] as number)))))) / (2 * q.length);
    return (
      sum(
        q.map((row) =>
          sum(row.flatMap((pik, k) => row.map((pil, l) => Math.abs((pi[k] as number) * pil - (pi[l] as number) * pik)))),
        ),
      ) /
      (2 * q.length)
    );
  },
  hellinger: (q: number[][], mode: Mode) => {
    const pi = proportions(q);
    const perRow = q.map((row) => sum(row.map((v, k) => Math.sqrt((pi[k] as number) * v))));
    return 1 - mean(mode === 'ova' ? perRow : perRow.map((v) => v * v));
  },
  chi2: (q: number[][], mode: Mode) => {
    const pi = proportions(q);
    const a = q.map((row) => sum(row.map((v, k) => (v * v) / (pi[k] as number))));
    if (mode === 'ova') return mean(a) - 1;
    const b = q.map((row) => sum(row.map((v, l) => (pi[l] as number) ** 2 / v)));
    return mean(a.map((v, i) => v * (b[i] as number))) - 1;
  },
  /** MMD from the doc: δ_k = √((α_k − 1)ᵀ(Kmat/N²)(α_k − 1)); Δ_kl = √(Ω_kk + Ω_ll − 2Ω_kl), Ω = αᵀ(Kmat/N²)α. */
  mmd: (q: number[][], mode: Mode, kernel: number[][]) => {
    const n = q.length;
    const pi = proportions(q);
    const alpha = (k: number) => q.map((row) => (row[k] as number) / (pi[k] as number));
    const form = (u: number[], v: number[]) =>
      sum(u.map((ui, i) => ui * sum(v.map((vj, j) => (kernel[i]?.[j] as number) * vj)))) / (n * n);
    const ks = pi.map((_, k) => k);
    if (mode === 'ova') {
      return sum(
        ks.map((k) => {
          const centred = alpha(k).map((a) => a - 1);
          return (pi[k] as number) * Math.sqrt(Math.max(0, form(centred, centred)));
        }),
      );
    }
    const omega = ks.map((k) => ks.map((l) => form(alpha(k), alpha(l))));
    const o = (k: number, l: number) => omega[k]?.[l] as number;
    return sum(
      ks.flatMap((k) =>
        ks.map((l) => (pi[k] as number) * (pi[l] as number) * Math.sqrt(Math.max(0, o(k, k) + o(l, l) - 2 * o(k, l)))),
      ),
    );
  },
};

const cases = [
  { name: 'kl', spec: kl, mode: 'ova', gemclus: 'KLGEMINI(ovo=False)' },
  { name: 'kl', spec: kl, mode: 'ovo', gemclus: 'KLGEMINI(ovo=True)' },
  { name: 'mi', spec: mi, mode: 'ova', gemclus: 'MI()' },
  { name: 'tv', spec: tv, mode: 'ova', gemclus: 'TVGEMINI(ovo=False)' },
  { name: 'tv', spec: tv, mode: 'ovo', gemclus: 'TVGEMINI(ovo=True)' },
  { name: 'hellinger', spec: hellinger, mode: 'ova', gemclus: 'HellingerGEMINI(ovo=False)' },
  { name: 'hellinger', spec: hellinger, mode: 'ovo', gemclus: 'HellingerGEMINI(ovo=True)' },
  { name: 'chi2', spec: chi2, mode: 'ova', gemclus: 'ChiSquareGEMINI(ovo=False)' },
  { name: 'chi2', spec: chi2, mode: 'ovo', gemclus: 'ChiSquareGEMINI(ovo=True)' },
  { name: 'mmd', spec: mmd, mode: 'ova', kernel: { name: 'linear' }, gemclus: "MMDGEMINI(ovo=False, kernel='linear')" },
  { name: 'mmd', spec: mmd, mode: 'ovo', kernel: { name: 'linear' }, gemclus: "MMDGEMINI(ovo=True, kernel='linear')" },
  {
    name: 'mmd',
    spec: mmd,
    mode: 'ova',
    kernel: { name: 'rbf', gamma: 0.3 },
    gemclus: "MMDGEMINI(ovo=False, kernel='rbf', kernel_params={'gamma': 0.3})",
  },
  {
    name: 'mmd',
    spec: mmd,
    mode: 'ovo',
    kernel: { name: 'rbf', gamma: 0.3 },
    gemclus: "MMDGEMINI(ovo=True, kernel='rbf', kernel_params={'gamma': 0.3})",
  },
] as const;

// gemclus evaluates on the same float32-rounded p; MMD kernels come from its compute_affinity (scikit-learn).
const GEMCLUS = `
import json, sys
import numpy as np
from gemclus.gemini import MI, KLGEMINI, TVGEMINI, HellingerGEMINI, ChiSquareGEMINI, MMDGEMINI
data = json.load(sys.stdin)
p = np.array(data["p"], dtype=np.float64)
x = np.array(data["x"], dtype=np.float64)
out = []
for expression in data["geminis"]:
    gemini = eval(expression)
    affinity = gemini.compute_affinity(x)
    value, gradient = gemini.evaluate(p, affinity, return_grad=True)
    kernel = None if affinity is None else affinity.tolist()
    out.append({"value": float(value), "gradient": np.asarray(gradient).tolist(), "kernel": kernel})
print(json.dumps(out))
`;

interface GemclusResult {
  value: number;
  gradient: number[][];
  kernel: number[][] | null;
}

describe('GEMINIs against float64 references', () => {
  let gemclus: GemclusResult[];
  beforeAll(async () => {
    await initBackend('cpu');
    gemclus = runPython<GemclusResult[]>(GEMCLUS, { p, x, geminis: cases.map((c) => c.gemclus) });
  });

  for (const [index, c] of cases.entries()) {
    const label = `${c.name} ${c.mode}${'kernel' in c ? ` (${c.kernel.name} kernel)` : ''}`;
    const params = { mode: c.mode, ...('kernel' in c ? { kernel: c.kernel } : {}) };
    /** gemclus's χ² is ½(value + 1) of the definition, and so is its gradient's scale. */
    const fromGemclus = (value: number) => (c.name === 'chi2' ? 2 * value - 1 : value);
    const gradientScale = c.name === 'chi2' ? 2 : 1;

    it(`${label}: value matches gemclus and the doc's table to 1e-5 relative`, () => {
      const ours = evaluate(createFromSpec(c.spec, c.name === 'mi' ? {} : params), gemclus[index]?.kernel ?? undefined);
      const reference = gemclus[index] as GemclusResult;
      expect(
        relative(ours.value, fromGemclus(reference.value)),
        `${label}: ${ours.value} vs gemclus ${fromGemclus(reference.value)}`,
      ).toBeLessThan(1e-5);
      const transcribed =
        c.name === 'mmd' ? table.mmd(p, c.mode, reference.kernel ?? []) : table[c.name === 'mi' ? 'kl' : c.name](p, c.mode);
      expect(relative(ours.value, transcribed), `${label}: ${ours.value} vs table ${transcribed}`).toBeLessThan(1e-5);
    });

    it(`${label}: gradient matches gemclus on the simplex`, () => {
      // The plugins and gemclus agree as functions on row-stochastic p; off the simplex they may
      // differ by functions of Σ_k p_ik, so compare gradients with each row's mean removed.
      const ours = evaluate(createFromSpec(c.spec, c.name === 'mi' ? {} : params), gemclus[index]?.kernel ?? undefined);
      const theirs = (gemclus[index] as GemclusResult).gradient.flat().map((g) => g * gradientScale);
      const a = tangent(ours.gradient);
      const b = tangent(theirs);
      const scale = Math.max(...b.map(Math.abs));
      const worst = Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
      expect(worst / scale, `${label}: largest gradient difference ${worst} (scale ${scale})`).toBeLessThan(1e-5);
    });
  }
});

function evaluate(objective: ReturnType<typeof createFromSpec<'objective'>>, kernel?: number[][]) {
  return tf.tidy(() => {
    const affinity = kernel ? tf.tensor2d(kernel) : undefined;
    const probabilities = tf.tensor2d(p32, [N, K]);
    const value = objective.evaluate(probabilities, affinity).dataSync()[0] as number;
    const gradient = Array.from(
      tf
        .grad((q: tf.Tensor) => objective.evaluate(q as Tensor2D, affinity))(probabilities)
        .dataSync(),
    );
    return { value, gradient };
  });
}

/** Each row of an N×K gradient minus its mean: the part a softmax model feels. */
function tangent(gradient: readonly number[]): number[] {
  return gradient.map((g, i) => {
    const row = Math.floor(i / K);
    return g - mean(gradient.slice(row * K, (row + 1) * K) as number[]);
  });
}

function proportions(q: number[][]): number[] {
  return (q[0] ?? []).map((_, k) => mean(q.map((row) => row[k] as number)));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
}
