import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  createPluginContext,
  DataError,
  definePluginModule,
  initBackend,
  PluginRegistry,
  SeededRng,
  tf,
} from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { precomputedDistance } from '../distances/precomputed.js';
import { precomputedKernel } from '../kernels/precomputed.js';
import { createFromSpec } from '../testing.js';

// Precomputed kernels and distances: a whole-set matrix from a file or inline, checked when the
// plugin is created (square, numbers, symmetric; for distances ≥ 0 and a zero diagonal) and
// against the data set's size when computed.
const directory = mkdtempSync(join(tmpdir(), 'gemlab-precomputed-'));
const file = (name: string, text: string) => {
  writeFileSync(join(directory, name), text);
  return join(directory, name);
};
const three = tf.tensor2d([[0], [1], [2]]);

describe('precomputed kernel and distance', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('reads CSV (comma or whitespace) and JSON files, resolved against the base directory', () => {
    file('k.csv', '1, 0.5, 0.2\n0.5,1,0.1\n\n0.2 0.1 1\n');
    file(
      'd.json',
      JSON.stringify([
        [0, 1, 2],
        [1, 0, 1],
        [2, 1, 0],
      ]),
    );
    const registry = new PluginRegistry([definePluginModule('test', [precomputedKernel])]);
    const kernel = precomputedKernel.create({ path: 'k.csv' }, createPluginContext(registry, new SeededRng(0), directory));
    expect(kernel.scope).toBe('dataset');
    expect(tf.tidy(() => kernel.compute(three).arraySync())[0]).toEqual([1, 0.5, 0.2].map(Math.fround));
    const distance = createFromSpec(precomputedDistance, { path: join(directory, 'd.json') });
    expect(tf.tidy(() => distance.compute(three).arraySync())).toEqual([
      [0, 1, 2],
      [1, 0, 1],
      [2, 1, 0],
    ]);
    const inline = createFromSpec(precomputedDistance, {
      values: [
        [0, 3],
        [3, 0],
      ],
    });
    expect(tf.tidy(() => inline.compute(tf.tensor2d([[5], [6]])).arraySync())).toEqual([
      [0, 3],
      [3, 0],
    ]);
  });

  it('fails with a DataError when the matrix does not match the number of samples', () => {
    const kernel = createFromSpec(precomputedKernel, {
      values: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(() => kernel.compute(three)).toThrow(DataError);
    expect(() => kernel.compute(three)).toThrow("kernel 'precomputed' (inline values) is 2×2, but the data set has 3 samples");
  });

  it('names the file, row and column of a bad matrix', () => {
    const bad = file('bad.csv', '1,2,3\n4,x,6\n7,8,9\n');
    expect(() => createFromSpec(precomputedKernel, { path: bad })).toThrow(`${bad}: line 2, column 2: 'x' is not a number`);
    const ragged = file('ragged.csv', '1,2\n3\n');
    expect(() => createFromSpec(precomputedKernel, { path: ragged })).toThrow('row 2 has 1 values; a 2×2 matrix needs 2');
    expect(() => createFromSpec(precomputedKernel, { path: 'missing.csv' })).toThrow('missing.csv: file not found');
    expect(() =>
      createFromSpec(precomputedKernel, {
        values: [
          [1, 2],
          [3, 1],
        ],
      }),
    ).toThrow("kernel 'precomputed' (inline values): entry (1, 2) = 2 differs from (2, 1) = 3; it must be symmetric");
    expect(() =>
      createFromSpec(precomputedDistance, {
        values: [
          [0, -1],
          [-1, 0],
        ],
      }),
    ).toThrow('entry (1, 2) is -1; distances must be ≥ 0');
    expect(() =>
      createFromSpec(precomputedDistance, {
        values: [
          [0, 1],
          [1, 0.5],
        ],
      }),
    ).toThrow('diagonal entry (2, 2) is 0.5; it must be 0');
  });

  it('needs exactly one of path and values (a ConfigError from the schema)', () => {
    expect(() => createFromSpec(precomputedKernel, {})).toThrow(ConfigError);
    expect(() => createFromSpec(precomputedKernel, { path: 'a.csv', values: [[1]] })).toThrow(
      "kernel: must be a 'path' to the matrix file or inline 'values' (not both)",
    );
  });
});
