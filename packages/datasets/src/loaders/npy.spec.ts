import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPython } from '@gemlab/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../conformance/load-dataset.js';
import { expectDataError } from '../test-support/errors.js';
import { npy } from './npy.js';

let dir = '';
/** What numpy wrote, flattened in C order, for comparison. */
let written: Record<string, number[]>;
const load = (params: Parameters<typeof loadDataset<typeof npy.schema>>[1]) => loadDataset(npy, params, { baseDir: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemlab-npy-'));
  // Every fixture is written by numpy itself, so the reader is checked against an independent writer.
  written = runPython(
    `import json, sys
import numpy as np
d = json.load(sys.stdin)
rng = np.random.default_rng(0)
x32 = rng.normal(size=(5, 3)).astype(np.float32)
x64 = rng.normal(size=(4, 2, 3)).astype('>f8')
flat = np.array([1.5, -2.25, 3, 4, 5, 6], dtype=np.float32)
np.save(d + '/x32.npy', x32)
np.save(d + '/labels64.npy', np.array([3, 1, 3, 2, 1], dtype=np.int64))
np.save(d + '/labels-u1.npy', np.array([0, 1, 1, 0], dtype=np.uint8))
np.save(d + '/x64-be.npy', x64)
np.save(d + '/flat.npy', flat)
with open(d + '/v2.npy', 'wb') as f:
    np.lib.format.write_array(f, x32, version=(2, 0))
np.save(d + '/fortran.npy', np.asfortranarray(rng.normal(size=(3, 2))))
np.save(d + '/ints.npy', np.arange(6).reshape(3, 2))
np.save(d + '/float-labels.npy', np.array([0.0, 1.0, 1.0, 0.0, 1.0]))
np.save(d + '/short-labels.npy', np.array([0, 1, 1, 0], dtype=np.int32))
np.save(d + '/matrix-labels.npy', np.zeros((5, 1), dtype=np.int32))
bad = np.ones((3, 4), dtype=np.float32); bad[1, 2] = np.nan
np.save(d + '/nan.npy', bad)
inf = np.ones((2, 2)); inf[1, 0] = -np.inf
np.save(d + '/inf.npy', inf)
np.save(d + '/scalar.npy', np.float32(3))
print(json.dumps({'x32': x32.ravel().tolist(), 'x64': x64.ravel().tolist(), 'flat': flat.tolist()}))`,
    dir,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npy', () => {
  it('reads float32 samples and int64 labels (codes in numeric order)', async () => {
    const data = await load({ path: 'x32.npy', labels: 'labels64.npy' });
    expect(Array.from(data.x)).toEqual(written.x32);
    expect(Array.from(data.y as Int32Array)).toEqual([2, 0, 2, 1, 0]);
    expect(data.meta).toEqual({ name: 'npy', n: 5, features: 3, classes: 3, source: 'x32.npy' });
  });

  it('reads big-endian float64 with a sample shape, 1-D arrays, format version 2 and uint8 labels', async () => {
    const images = await load({ path: 'x64-be.npy', labels: 'labels-u1.npy' });
    expect(images.sampleShape).toEqual([2, 3]);
    expect(Array.from(images.x)).toEqual((written.x64 as number[]).map(Math.fround));
    expect(Array.from(images.y as Int32Array)).toEqual([0, 1, 1, 0]);
    const flat = await load({ path: 'flat.npy' });
    expect(flat.sampleShape).toEqual([1]);
    expect(Array.from(flat.x)).toEqual(written.flat);
    expect(flat.y).toBeUndefined();
    expect(Array.from((await load({ path: 'v2.npy' })).x)).toEqual(written.x32);
  });

  it.each([
    [
      'Fortran order',
      { path: 'fortran.npy' },
      'fortran.npy: Fortran-order arrays are not supported; save a C-order array (np.ascontiguousarray)',
    ],
    ['integer features', { path: 'ints.npy' }, "ints.npy: unsupported dtype '<i8' (expected float32 or float64)"],
    [
      'float labels',
      { path: 'x32.npy', labels: 'float-labels.npy' },
      "float-labels.npy: unsupported label dtype '<f8' (expected an integer type)",
    ],
    [
      'too few labels',
      { path: 'x32.npy', labels: 'short-labels.npy' },
      'short-labels.npy: expected labels of shape (5,) for 5 samples, found (4,)',
    ],
    [
      '2-D labels',
      { path: 'x32.npy', labels: 'matrix-labels.npy' },
      'matrix-labels.npy: expected labels of shape (5,) for 5 samples, found (5, 1)',
    ],
    ['a NaN', { path: 'nan.npy' }, 'nan.npy, row 2, column 3: NaN is not allowed'],
    ['an infinity', { path: 'inf.npy' }, 'inf.npy, row 2, column 1: -Infinity is not finite'],
    ['a 0-d array', { path: 'scalar.npy' }, 'scalar.npy: a 0-d array holds no samples'],
    ['a missing labels file', { path: 'x32.npy', labels: 'nope.npy' }, 'nope.npy: cannot read the file (ENOENT)'],
  ])('rejects %s with a DataError naming the file', async (_what, params, message) => {
    await expectDataError(load(params), message);
  });

  it('rejects empty, foreign and truncated files', async () => {
    writeFileSync(join(dir, 'empty.npy'), '');
    writeFileSync(join(dir, 'text.npy'), 'a,b\n1,2\n');
    const whole = readFileSync(join(dir, 'x32.npy'));
    writeFileSync(join(dir, 'truncated.npy'), whole.subarray(0, whole.length - 20));
    await expectDataError(load({ path: 'empty.npy' }), 'empty.npy: the file is empty');
    await expectDataError(load({ path: 'text.npy' }), 'text.npy: not a .npy file (no \\x93NUMPY magic)');
    await expectDataError(load({ path: 'truncated.npy' }), 'truncated.npy: truncated data (expected 60 bytes, found 40)');
  });
});
