import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { expectDataError } from '../test-support/errors.js';
import { csv } from './csv.js';

let dir = '';
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const load = (params: Parameters<typeof loadDataset<typeof csv.schema>>[1]) => loadDataset(csv, params, { baseDir: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemlab-csv-'));
  mkdirSync(join(dir, 'sub'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csv', () => {
  it('reads features and string labels (codes in order of first appearance), with quotes, CRLF and blank lines', async () => {
    write(
      'sub/flowers.csv',
      'sepal,"petal, width",species\r\n5.1,0.2,setosa\r\n\r\n6.3,-1.5e-1,"virginica"\r\n4.9,.25,setosa\r\n7,2,versicolor\r\n\r\n',
    );
    const data = await load({ path: 'sub/flowers.csv', label: 'species' });
    expect(Array.from(data.x)).toEqual([5.1, 0.2, 6.3, -0.15, 4.9, 0.25, 7, 2].map(Math.fround));
    expect(Array.from(data.y as Int32Array)).toEqual([0, 1, 0, 2]);
    expect(data.sampleShape).toEqual([2]);
    expect(data.meta).toEqual({ name: 'csv', n: 4, features: 2, classes: 3, source: 'sub/flowers.csv' });
  });

  it('detects a missing header, takes the label by 0-based index and keeps integer labels in numeric order', async () => {
    write('numeric.csv', '3,1,2\n1,3,4\n3,5,6\n2,7,8\n');
    const data = await load({ path: 'numeric.csv', label: 0 });
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(data.y as Int32Array)).toEqual([2, 0, 2, 1]); // 1 -> 0, 2 -> 1, 3 -> 2
    expect(data.meta.classes).toBe(3);
  });

  it('reads other delimiters, forced headers and files without labels', async () => {
    write('semicolon.csv', 'a;b\n1;2\n3;4\n');
    const semicolon = await load({ path: 'semicolon.csv', delimiter: ';' });
    expect(Array.from(semicolon.x)).toEqual([1, 2, 3, 4]);
    expect(semicolon.y).toBeUndefined();
    expect(semicolon.meta.classes).toBeUndefined();
    write('numbers-header.csv', '10\t20\n1\t2\n');
    const forced = await load({ path: 'numbers-header.csv', delimiter: '\t', header: true });
    expect(Array.from(forced.x)).toEqual([1, 2]);
    const noHeader = await load({ path: 'numbers-header.csv', delimiter: '\t', header: false });
    expect(Array.from(noHeader.x)).toEqual([10, 20, 1, 2]);
  });

  it.each([
    ['an empty file', 'empty.csv', '', {}, 'empty.csv: the file is empty'],
    ['a blank file', 'blank.csv', '\n  \n', {}, 'blank.csv: the file is empty'],
    ['a header without rows', 'header-only.csv', 'a,b\n', {}, 'header-only.csv: no data rows after the header'],
    ['a ragged row', 'ragged.csv', 'a,b,c\n1,2,3\n\n4,5\n', {}, 'ragged.csv, row 4: expected 3 columns, found 2'],
    ['a non-numeric cell', 'text.csv', 'a,b\n1,2\n3,abc\n', {}, "text.csv, row 3, column 2 ('b'): 'abc' is not a number"],
    ['a NaN cell', 'nan.csv', '1,2\nNaN,4\n', {}, 'nan.csv, row 2, column 1: NaN is not allowed'],
    ['an infinite cell', 'inf.csv', 'a,b\n1,-inf\n', {}, "inf.csv, row 2, column 2 ('b'): '-inf' is not finite"],
    ['an empty cell', 'hole.csv', 'a,b\n1,\n', {}, "hole.csv, row 2, column 2 ('b'): empty cell"],
    [
      'a missing label column',
      'labels.csv',
      'a,b,species\n1,2,x\n',
      { label: 'kind' },
      "labels.csv: no label column 'kind' (columns: a, b, species)",
    ],
    [
      'a label index past the last column',
      'labels.csv',
      'a,b,species\n1,2,x\n',
      { label: 3 },
      'labels.csv: no label column 3 (row 1 has 3 columns, numbered from 0)',
    ],
    [
      'a label name without a header',
      'labels.csv',
      'a,b,species\n1,2,x\n',
      { label: 'species', header: false },
      "labels.csv: label column 'species' needs a header row, but header is false",
    ],
    [
      'an empty label',
      'no-label.csv',
      'a,species\n1,x\n2, \n',
      { label: 'species' },
      "no-label.csv, row 3, column 2 ('species'): empty label",
    ],
    [
      'only a label column',
      'only-label.csv',
      'species\nx\n',
      { label: 0 },
      'only-label.csv: no feature columns besides the label',
    ],
  ])('rejects %s with a DataError naming the file, row and column', async (_what, name, text, params, message) => {
    write(name, text);
    await expectDataError(load({ path: name, ...params }), message);
  });

  it('rejects a missing file with a DataError naming it', async () => {
    await expectDataError(load({ path: 'nowhere/missing.csv' }), 'nowhere/missing.csv: cannot read the file (ENOENT)');
  });
});
