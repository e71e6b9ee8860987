import { initBackend, type Objective, SeededRng, tf } from '@gemlab/core';
import { describeObjectiveConformance } from '@gemlab/objectives/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import jensenShannon from './jensen-shannon.js';

// The same contract every built-in GEMINI passes, on both portable backends.
describeObjectiveConformance(jensenShannon, { backend: 'cpu' });
describeObjectiveConformance(jensenShannon, { backend: 'wasm' });

const create = (mode: 'ova' | 'ovo') => jensenShannon.create({ mode, epsilon: 1e-12 }, {} as never) as Objective;
const evaluate = (objective: Objective, rows: number[][]) =>
  tf.tidy(() => objective.evaluate(tf.tensor2d(rows)).dataSync()[0] as number);

describe('jensen-shannon GEMINI values', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches values derived by hand for two points in two clusters', () => {
    // p = one-hot, π = (½, ½). Cluster 0 is δ_{x0}, the data law ½δ_{x0} + ½δ_{x1}, so
    // JS = ½ KL(δ0 ‖ ¾δ0 + ¼δ1) + ½ KL(½δ0 + ½δ1 ‖ ¾δ0 + ¼δ1) = ½ log(4/3) + ¼ log(4/3) = ¾ log(4/3),
    // the same for cluster 1: OvA = ¾ log(4/3). OvO: JS(δ0, δ1) = log 2, weighted by π0π1 twice: ½ log 2.
    const p = [
      [1, 0],
      [0, 1],
    ];
    expect(evaluate(create('ova'), p)).toBeCloseTo(0.75 * Math.log(4 / 3), 5);
    expect(evaluate(create('ovo'), p)).toBeCloseTo(0.5 * Math.log(2), 5);
  });

  it('agrees with a float64 transcription on random probabilities', () => {
    const rng = new SeededRng(11);
    const rows = Array.from({ length: 9 }, () => {
      const raw = [rng.next(), rng.next(), rng.next(), rng.next()].map((v) => v + 0.05);
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((v) => v / sum);
    });
    for (const mode of ['ova', 'ovo'] as const) {
      const expected = jsFloat64(rows, mode);
      expect(Math.abs(evaluate(create(mode), rows) - expected) / expected).toBeLessThan(1e-5);
    }
  });
});

/** The definition in float64: Σ π_k JS(p(x|k) ‖ p(x)) or Σ π_k π_l JS(p(x|k) ‖ p(x|l)). */
function jsFloat64(p: number[][], mode: 'ova' | 'ovo'): number {
  const n = p.length;
  const k = p[0]?.length ?? 0;
  const pi = Array.from({ length: k }, (_, j) => p.reduce((a, row) => a + (row[j] as number), 0) / n);
  const law = (j: number) => p.map((row) => (row[j] as number) / (n * (pi[j] as number)));
  const uniform = Array.from({ length: n }, () => 1 / n);
  const js = (a: number[], b: number[]) =>
    a.reduce((sum, ai, i) => {
      const bi = b[i] as number;
      const m = (ai + bi) / 2;
      return sum + 0.5 * ai * Math.log(ai / m) + 0.5 * bi * Math.log(bi / m);
    }, 0);
  let total = 0;
  for (let a = 0; a < k; a++) {
    if (mode === 'ova') total += (pi[a] as number) * js(law(a), uniform);
    else for (let b = 0; b < k; b++) total += (pi[a] as number) * (pi[b] as number) * js(law(a), law(b));
  }
  return total;
}
