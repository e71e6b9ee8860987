import { SeededRng } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.js';

describe('symmetricEigen', () => {
  it('solves [[2, 1], [1, 2]] by hand: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0][0] * vectors[0][1]).toBeCloseTo(0.5, 14); // same signs
    expect(vectors[1][0] * vectors[1][1]).toBeCloseTo(-0.5, 14); // opposite signs
  });

  it('returns a diagonal matrix’s entries sorted descending, with unit vectors on the axes', () => {
    const { values, vectors } = symmetricEigen([1, 0, 0, 0, 5, 0, 0, 0, 3], 3);
    expect([...values]).toEqual([5, 3, 1]);
    expect([...vectors[0]]).toEqual([0, 1, 0]);
    expect([...vectors[1]]).toEqual([0, 0, 1]);
  });

  it('satisfies A·v = λ·v with orthonormal vectors and Σλ = trace on a random 7 × 7 matrix', () => {
    const rng = new SeededRng(3);
    const size = 7;
    const a = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j <= i; j++) a[i * size + j] = a[j * size + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, size);
    for (let k = 0; k < size; k++) {
      for (let i = 0; i < size; i++) {
        let av = 0;
        for (let j = 0; j < size; j++) av += a[i * size + j] * vectors[k][j];
        expect(av).toBeCloseTo(values[k] * vectors[k][i], 12);
      }
      for (let l = 0; l < size; l++) {
        const dot = vectors[k].reduce((sum, v, i) => sum + v * vectors[l][i], 0);
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 12);
      }
    }
    let trace = 0;
    for (let i = 0; i < size; i++) trace += a[i * size + i];
    expect(values.reduce((sum, v) => sum + v, 0)).toBeCloseTo(trace, 12);
    for (let k = 1; k < size; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
  });

  it('rejects a matrix of the wrong length', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(RangeError);
  });
});
