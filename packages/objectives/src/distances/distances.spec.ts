import { initBackend, SeededRng, tf } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec } from '../testing.js';
import { chebyshev } from './chebyshev.js';
import { cosineDistance } from './cosine.js';
import { euclidean } from './euclidean.js';
import { graphHops } from './graph-hops.js';
import { manhattan } from './manhattan.js';
import { sqeuclidean } from './sqeuclidean.js';

// Batch distances against scikit-learn's pairwise_distances, graph hops against a NumPy/SciPy
// transcription of the paper code (torch.quantile ≡ np.quantile, BFS ≡ unweighted shortest_path).
const rng = new SeededRng(11);
const x = Array.from({ length: 10 }, () => Array.from({ length: 3 }, () => rng.normal()));
const y = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => rng.normal()));

const cases = [
  { spec: euclidean, metric: 'euclidean' },
  { spec: sqeuclidean, metric: 'sqeuclidean' },
  { spec: manhattan, metric: 'manhattan' },
  { spec: cosineDistance, metric: 'cosine' },
  { spec: chebyshev, metric: 'chebyshev' },
] as const;

const SKLEARN = `
import json, sys
import numpy as np
from sklearn.metrics import pairwise_distances
data = json.load(sys.stdin)
x, y = np.array(data["x"]), np.array(data["y"])
print(json.dumps([[pairwise_distances(x, metric=m).tolist(), pairwise_distances(x, y, metric=m).tolist()] for m in data["metrics"]]))
`;

const HOPS = `
import json, sys
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path
data = json.load(sys.stdin)
out = []
for case in data["cases"]:
    x = np.array(case["x"], dtype=np.float32).astype(np.float64)
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
    threshold = np.quantile(d, case["q"])
    adjacency = (d < threshold).astype(float)
    np.fill_diagonal(adjacency, 0)
    hops = shortest_path(csr_matrix(adjacency), directed=False, unweighted=True)
    hops[np.isinf(hops)] = 2 * len(x)
    out.append(hops.tolist())
print(json.dumps(out))
`;

describe('distances against scikit-learn', () => {
  let expected: [number[][], number[][]][];
  beforeAll(async () => {
    await initBackend('cpu');
    expected = runPython(SKLEARN, { x, y, metrics: cases.map((c) => c.metric) });
  });

  for (const [index, c] of cases.entries()) {
    it(`${c.spec.name} matches pairwise_distances to 1e-5, with an exactly zero diagonal`, () => {
      const distance = createFromSpec(c.spec);
      const [square, rectangular] = expected[index] as [number[][], number[][]];
      const ours = tf.tidy(() => distance.compute(tf.tensor2d(x)).arraySync());
      expectClose(ours, square);
      ours.forEach((row, i) => {
        expect(row[i], `${c.spec.name} D(${i + 1}, ${i + 1})`).toBe(0);
      });
      expectClose(
        tf.tidy(() => distance.compute(tf.tensor2d(x), tf.tensor2d(y)).arraySync()),
        rectangular,
      );
    });
  }
});

describe('graph-hops distance', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('counts hops on a hand-drawn graph, 2N between components', () => {
    // Five points on a line: 0, 1, 2 and 10, 11. The n² = 25 entries sorted: 0 ×5 (diagonal),
    // 1 ×6 (0–1, 1–2, 10–11, both ways), 2 ×2, 8 ×2, 9 ×4, 10 ×4, 11 ×2. The q = 0.5 quantile sits
    // at position 0.5·24 = 12, a 2. Edges d < 2: 0–1, 1–2, 10–11; the two groups are apart (2N = 10).
    const points = [[0], [1], [2], [10], [11]];
    const hops = tf.tidy(() => createFromSpec(graphHops, { q: 0.5 }).compute(tf.tensor2d(points)).arraySync());
    expect(hops).toEqual([
      [0, 1, 2, 10, 10],
      [1, 0, 1, 10, 10],
      [2, 1, 0, 10, 10],
      [10, 10, 10, 0, 1],
      [10, 10, 10, 1, 0],
    ]);
  });

  it('matches the SciPy transcription of the paper code on random moons-like data', () => {
    const cases = [0.05, 0.2].map((q, c) => {
      const r = new SeededRng(100 + c);
      const points = Array.from({ length: 60 }, (_, i) => {
        const t = Math.PI * r.next();
        return i % 2 === 0
          ? [Math.cos(t) + 0.05 * r.normal(), Math.sin(t) + 0.05 * r.normal()]
          : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      });
      return { x: points, q };
    });
    const expected = runPython<number[][][]>(HOPS, { cases });
    cases.forEach((c, index) => {
      const ours = tf.tidy(() => createFromSpec(graphHops, { q: c.q }).compute(tf.tensor2d(c.x)).arraySync());
      expect(ours, `q = ${c.q}`).toEqual(expected[index]);
      expect(
        ours.flat().some((hops) => hops > 2 && hops < 2 * c.x.length),
        'some multi-hop paths',
      ).toBe(true);
    });
  });

  it('has scope dataset and refuses a second argument', () => {
    const distance = createFromSpec(graphHops);
    expect(distance.scope).toBe('dataset');
    const points = tf.tensor2d([[0], [1]]);
    expect(() => distance.compute(points, points)).toThrow("scope 'dataset'");
    points.dispose();
  });
});

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    row.forEach((value, j) => {
      const reference = expected[i]?.[j] as number;
      expect(Math.abs(value - reference), `entry (${i + 1}, ${j + 1}): ${value} vs ${reference}`).toBeLessThanOrEqual(
        1e-5 * Math.max(1, Math.abs(reference)),
      );
    });
  });
}
