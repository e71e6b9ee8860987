import { defineDataset, Type } from '@gemlab/core';
import { describeDatasetConformance } from '../testing.js';

/**
 * The suite must catch broken plugins: each of these declares the checks it breaks as
 * expected failures, which the suite runs as `it.fails` (an unexpected pass fails the run).
 */

// Ignores the seeded rng, lies about n, emits NaN and a label outside 0..classes-1.
const broken = defineDataset({
  name: 'broken',
  description: 'violates every data check',
  schema: Type.Object({ n: Type.Integer({ default: 4 }) }, { additionalProperties: false }),
  expectedFailures: {
    'the same seed gives identical data': 'draws from Math.random',
    'params survive a JSON round trip': 'draws from Math.random',
    'x has n · features values and matches the sample shape': 'meta.n is one more than the rows',
    'labels are integers in 0..classes-1, one per sample': 'label 2 with classes 2',
    'every value is finite': 'x[0] is NaN',
  },
  create(params) {
    const x = Float32Array.from({ length: params.n * 2 }, (_, i) => (i === 0 ? Number.NaN : Math.random()));
    const y = Int32Array.from({ length: params.n }, (_, i) => (i === 0 ? 2 : 0));
    return { x, sampleShape: [2], y, meta: { name: 'broken', n: params.n + 1, features: 2, classes: 2, source: 'synthetic' } };
  },
});

// Claims to be seeded but ignores the seed; labels without classes; an empty source.
const seedless = defineDataset({
  name: 'seedless',
  description: 'ignores its rng',
  schema: Type.Object({}, { additionalProperties: false }),
  expectedFailures: {
    'a different seed gives different samples': 'never reads ctx.rng',
    'labels are integers in 0..classes-1, one per sample': 'meta.classes is missing',
    'meta names the data set and its source': 'meta.source is empty',
  },
  create() {
    return {
      x: new Float32Array([1, 2, 3]),
      sampleShape: [1],
      y: new Int32Array(3),
      meta: { name: 'seedless', n: 3, features: 1, source: '' },
    };
  },
});

// A file-like plugin that, wrongly, depends on the seed.
const seedDependent = defineDataset({
  name: 'seed-dependent',
  description: 'a loader whose data changes with the seed',
  schema: Type.Object({}, { additionalProperties: false }),
  expectedFailures: { 'the data does not depend on the seed': 'adds rng noise' },
  create(_params, ctx) {
    return {
      x: new Float32Array([ctx.rng.next()]),
      sampleShape: [1],
      meta: { name: 'seed-dependent', n: 1, features: 1, source: 'x.csv' },
    };
  },
});

describeDatasetConformance(broken);
describeDatasetConformance(seedless);
describeDatasetConformance(seedDependent, { seeded: false });
