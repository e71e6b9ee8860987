import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { expectDataError } from '../test-support/errors.js';
import { json } from './json.js';

let dir = '';
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const load = (params: Parameters<typeof loadDataset<typeof json.schema>>[1]) => loadDataset(json, params, { baseDir: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemlab-json-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('json', () => {
  it('reads an array of array rows, with the label at an index', async () => {
    write(
      'rows.json',
      JSON.stringify([
        [1, 'b', 2],
        [3, 'a', 4],
        [5, 'b', 6],
      ]),
    );
    const data = await load({ path: 'rows.json', label: 1 });
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(data.y as Int32Array)).toEqual([0, 1, 0]);
    expect(data.meta).toEqual({ name: 'json', n: 3, features: 2, classes: 2, source: 'rows.json' });
  });

  it('reads an array of object rows, features in the key order of row 1', async () => {
    write(
      'objects.json',
      JSON.stringify([
        { a: 1, kind: 2, b: 0.5 },
        { b: 3, a: 4, kind: 0 },
      ]),
    );
    const data = await load({ path: 'objects.json', label: 'kind' });
    expect(Array.from(data.x)).toEqual([1, 0.5, 4, 3]);
    expect(Array.from(data.y as Int32Array)).toEqual([1, 0]); // integer labels keep numeric order: 0 -> 0, 2 -> 1
  });

  it('reads { x, y } with nested samples as the sample shape, and { x } alone', async () => {
    write(
      'images.json',
      JSON.stringify({
        x: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8.5],
          ],
        ],
        y: ['cat', 'dog'],
      }),
    );
    const images = await load({ path: 'images.json' });
    expect(images.sampleShape).toEqual([2, 2]);
    expect(Array.from(images.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8.5]);
    expect(Array.from(images.y as Int32Array)).toEqual([0, 1]);
    write('values.json', JSON.stringify({ x: [0.5, 1.5, 2.5] }));
    const values = await load({ path: 'values.json' });
    expect(values.sampleShape).toEqual([1]);
    expect(values.y).toBeUndefined();
    expect(values.meta).toEqual({ name: 'json', n: 3, features: 1, source: 'values.json' });
  });

  it.each([
    ['an empty file', 'empty.json', ' \n', {}, 'empty.json: the file is empty'],
    [
      'a document of the wrong kind',
      'scalar.json',
      '42',
      {},
      "scalar.json: expected an array of rows or an object with an array 'x'",
    ],
    ['no rows', 'none.json', '[]', {}, 'none.json: no rows'],
    ['a ragged row', 'ragged.json', '[[1,2,3],[4,5]]', {}, 'ragged.json, row 2: expected 3 values, found 2'],
    ['a string feature', 'strings.json', '[[1,2],["a",3]]', {}, 'strings.json, row 2, column 1: "a" is not a number'],
    ['a null feature', 'null.json', '{"x":[[1,null]]}', {}, 'null.json, row 1, column 2: null is not a number'],
    ['an overflowing number', 'huge.json', '[[1e400]]', {}, 'huge.json, row 1, column 1: Infinity is not finite'],
    [
      'object rows with other keys',
      'keys.json',
      '[{"a":1,"b":2},{"a":1,"c":2}]',
      {},
      'keys.json, row 2: has keys (a, c), expected (a, b)',
    ],
    [
      'a missing label key',
      'keys2.json',
      '[{"a":1,"b":2}]',
      { label: 'kind' },
      "keys2.json: no label key 'kind' in row 1 (keys: a, b)",
    ],
    [
      'a label index past the row',
      'short.json',
      '[[1,2]]',
      { label: 2 },
      'short.json: no label column 2 (row 1 has 2 entries, numbered from 0)',
    ],
    [
      'a null label',
      'nolabel.json',
      '[[1,"x"],[2,null]]',
      { label: 1 },
      'nolabel.json, row 2, column 2: null is not a label (a non-empty string or a number)',
    ],
    ['too few labels', 'xy.json', '{"x":[[1],[2],[3]],"y":[0,1]}', {}, 'xy.json: y has 2 labels for 3 samples'],
    [
      'samples of different shapes',
      'shapes.json',
      '{"x":[[[1,2],[3,4]],[[1,2],[3]]]}',
      {},
      "shapes.json, row 2: sample shape differs from row 1's [2, 2]",
    ],
    [
      'a label param with { x, y }',
      'xy2.json',
      '{"x":[[1]],"y":[0]}',
      { label: 0 },
      "xy2.json: 'label' applies to an array of rows; this file gives x and y",
    ],
  ])('rejects %s with a DataError naming the file and row', async (_what, name, text, params, message) => {
    write(name, text);
    await expectDataError(load({ path: name, ...params }), message);
  });

  it('rejects invalid JSON naming the file', async () => {
    write('broken.json', '[[1, 2], [3');
    const error = await load({ path: 'broken.json' }).catch((reason: unknown) => reason as Error);
    expect((error as Error).message).toMatch(/^broken\.json: invalid JSON \(.+\)$/);
  });
});
