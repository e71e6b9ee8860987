import { ConfigError, DataError, initBackend, PluginRegistry } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { objectivesModule } from './module.js';
import { scoreProbabilities } from './score.js';

const registry = new PluginRegistry([objectivesModule]);
// The 4-point toys of the GEMINI specs: TV = 0.2 (both modes), MMD with the linear kernel on x = 0..3 = 0.5.
const probs = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];
const x = [[0], [1], [2], [3]];

describe('scoreProbabilities', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('scores probabilities with any objective, params defaulted from the schema', () => {
    expect(scoreProbabilities({ registry, objective: { name: 'tv' }, probs })).toBeCloseTo(0.2, 6);
    expect(scoreProbabilities({ registry, objective: { name: 'tv', mode: 'ovo' }, probs })).toBeCloseTo(0.2, 6);
    expect(scoreProbabilities({ registry, objective: { name: 'mmd' }, probs, x })).toBeCloseTo(0.5, 5);
    expect(scoreProbabilities({ registry, objective: { name: 'kl' }, probs })).toBeCloseTo(0.10644, 5);
  });

  it('accepts row-major values with a row shape, and a whole-set affinity instead of x', () => {
    const flat = { x: Float32Array.from(probs.flat()), sampleShape: [2] };
    const samples = { x: Float32Array.from(x.flat()), sampleShape: [1] };
    expect(scoreProbabilities({ registry, objective: { name: 'mmd' }, probs: flat, x: samples })).toBeCloseTo(0.5, 5);
    // The linear kernel of x = 0..3 given directly: K_ij = i·j.
    const gram = x.map(([a]) => x.map(([b]) => (a as number) * (b as number)));
    expect(scoreProbabilities({ registry, objective: { name: 'mmd' }, probs, affinity: gram })).toBeCloseTo(0.5, 5);
  });

  it('rejects probability rows that are not distributions, naming the 1-based row', () => {
    const withRow = (row: number[], at = 2) => probs.map((r, i) => (i === at ? row : r));
    const score = (p: number[][]) => () => scoreProbabilities({ registry, objective: { name: 'tv' }, probs: p });
    expect(score(withRow([0.5, 0.4]))).toThrow(DataError);
    expect(score(withRow([0.5, 0.4]))).toThrow('probs row 3 sums to 0.9; each row must sum to 1 (within 1e-6)');
    expect(score(withRow([1.2, -0.2], 0))).toThrow('probs row 1 has a negative probability (-0.2)');
    expect(score(withRow([Number.NaN, 1], 3))).toThrow('probs row 4 has a value that is not a finite number (NaN)');
    expect(score(withRow([0.5, 0.3, 0.2], 1))).toThrow('probs row 2 has 3 values; expected 2 like row 1');
    expect(score(withRow([0.5 + 5e-7, 0.5]))).not.toThrow();
  });

  it('checks x against probs and the objective', () => {
    expect(() => scoreProbabilities({ registry, objective: { name: 'mmd' }, probs, x: x.slice(0, 3) })).toThrow(
      'probs has 4 rows but x has 3; they must match',
    );
    expect(() => scoreProbabilities({ registry, objective: { name: 'mmd' }, probs })).toThrow(
      "objective 'mmd' needs x to build its kernel matrix",
    );
    expect(() =>
      scoreProbabilities({ registry, objective: { name: 'mmd' }, probs, x: [[0], [1], [Number.POSITIVE_INFINITY], [3]] }),
    ).toThrow('x row 3 has a value that is not a finite number');
  });

  it('validates the objective config, naming the path', () => {
    expect(() => scoreProbabilities({ registry, objective: { name: 'tv', mode: 'ovx' }, probs })).toThrow(ConfigError);
    expect(() =>
      scoreProbabilities({ registry, objective: { name: 'mmd', kernel: { name: 'rbf', gamma: -1 } }, probs, x }),
    ).toThrow('objective.kernel.gamma');
  });
});
