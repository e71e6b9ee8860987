import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginRegistry } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPlugins, datasetsModule } from './module.js';
import { type DatasetConformanceOptions, describeDatasetConformance } from './testing.js';

let fixtures = '';

beforeAll(() => {
  fixtures = mkdtempSync(join(tmpdir(), 'gemlab-datasets-'));
  writeFileSync(join(fixtures, 'table.csv'), 'a,b,species\n1,2,x\n3,4.5,y\n-1,0,x\n');
  writeFileSync(
    join(fixtures, 'table.json'),
    JSON.stringify({
      x: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      y: ['p', 'q', 'p'],
    }),
  );
  runPython(
    `import json, sys, numpy as np
folder = json.load(sys.stdin)
np.save(folder + '/x.npy', np.arange(24, dtype=np.float32).reshape(4, 3, 2))
np.save(folder + '/y.npy', np.array([0, 1, 1, 0], dtype=np.int64))
print('null')`,
    fixtures,
  );
});

afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

/** How each built-in runs through the suite: bundled sets and files do not depend on the seed. */
const conformanceOptions: Record<string, DatasetConformanceOptions> = {
  mnist: { seeded: false },
  iris: { seeded: false },
  csv: {
    seeded: false,
    baseDir: () => fixtures,
    params: [
      { path: 'table.csv', label: 'species' },
      { path: 'table.csv', label: 2 },
    ],
  },
  json: { seeded: false, baseDir: () => fixtures, params: [{ path: 'table.json' }] },
  npy: { seeded: false, baseDir: () => fixtures, params: [{ path: 'x.npy', labels: 'y.npy' }, { path: 'x.npy' }] },
};

for (const spec of datasetPlugins) describeDatasetConformance(spec, conformanceOptions[spec.name]);

describe('datasetsModule', () => {
  it('registers every plugin under its name, once', () => {
    const names = datasetPlugins.map((spec) => spec.name);
    expect(names).toEqual([
      'gstm',
      'moons',
      'circles',
      'blobs',
      'anisotropic',
      'celeux-one',
      'celeux-two',
      'gmm',
      'mnist',
      'iris',
      'csv',
      'json',
      'npy',
    ]);
    expect(new PluginRegistry([datasetsModule]).names('dataset')).toEqual([...names].sort());
    expect(datasetPlugins.every((spec) => spec.kind === 'dataset')).toBe(true);
  });
});
