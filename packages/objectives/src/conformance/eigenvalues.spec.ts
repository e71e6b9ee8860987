import { SeededRng } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from './eigenvalues.js';

describe('symmetricEigenvalues (Jacobi)', () => {
  it('finds hand-computed eigenvalues', () => {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3; 0.5 I + 0.5 𝟙𝟙ᵀ (6×6) has 0.5 (×5) and 3.5.
    expect([...symmetricEigenvalues([2, 1, 1, 2], 2)].sort()).toEqual([1, 3].map((v) => expect.closeTo(v, 12)));
    const sixes = Array.from({ length: 36 }, (_, i) => (i % 7 === 0 ? 1 : 0.5));
    const values = [...symmetricEigenvalues(sixes, 6)].sort((a, b) => a - b);
    expect(values).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 3.5].map((v) => expect.closeTo(v, 12)));
  });

  it('agrees with numpy.linalg.eigvalsh on a random symmetric matrix', () => {
    const rng = new SeededRng(5);
    const n = 9;
    const a = Array.from({ length: n * n }, () => rng.normal());
    const symmetric = a.map((_, i) => ((a[i] as number) + (a[(i % n) * n + Math.floor(i / n)] as number)) / 2);
    const expected = runPython<number[]>(
      'import json,sys; import numpy as np; d=json.load(sys.stdin); print(json.dumps(np.linalg.eigvalsh(np.array(d["a"]).reshape(d["n"], d["n"])).tolist()))',
      { a: symmetric, n },
    );
    const ours = [...symmetricEigenvalues(symmetric, n)].sort((x, y) => x - y);
    ours.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] as number, 10);
    });
  });
});
