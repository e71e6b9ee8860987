import { DataError, defineDataset, Type } from '@gemlab/core';
import { encodeLabels } from '../labels/encode-labels.js';
import { makeDataSet } from '../make-dataset.js';
import { type NpyArray, type NpyDtype, npyDtype, readNpyHeader } from './npy-format.js';
import { readDataFile } from './read-data-file.js';

const schema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'a .npy array (float32 or float64, C order), samples along axis 0' }),
    labels: Type.Optional(Type.String({ minLength: 1, description: 'a .npy file of integer labels, one per sample' })),
  },
  { additionalProperties: false },
);

/** Samples from a NumPy .npy file (shape (n, ...) → sample shape (...)), labels from an optional second one. */
export const npy = defineDataset({
  name: 'npy',
  description: 'A float32/float64 NumPy .npy array, with integer labels from an optional second .npy',
  schema,
  async create(params, ctx) {
    const array = readNpyHeader(await readDataFile(params.path, ctx.baseDir), params.path);
    const x = readFeatures(array, params.path);
    const n = array.shape[0] as number;
    const sampleShape = array.shape.length === 1 ? [1] : array.shape.slice(1);
    if (params.labels === undefined) return makeDataSet({ name: 'npy', source: params.path, x, sampleShape });
    const labelArray = readNpyHeader(await readDataFile(params.labels, ctx.baseDir), params.labels);
    const encoded = encodeLabels(Array.from(readLabels(labelArray, params.labels, n)));
    return makeDataSet({ name: 'npy', source: params.path, x, sampleShape, y: encoded.y, classes: encoded.classes });
  },
});

function readFeatures(array: NpyArray, path: string): Float32Array {
  const dtype = npyDtype(array.descr, 'float');
  if (!dtype) throw new DataError(`${path}: unsupported dtype '${array.descr}' (expected float32 or float64)`);
  if (array.shape.length === 0) throw new DataError(`${path}: a 0-d array holds no samples`);
  const n = array.shape[0] as number;
  const features = array.shape.slice(1).reduce((product, size) => product * size, 1);
  if (n === 0 || features === 0) throw new DataError(`${path}: the array of shape ${pythonShape(array.shape)} holds no values`);
  const values = readValues(array, dtype, n * features, path);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) continue;
    const place = `${path}, row ${Math.floor(i / features) + 1}, column ${(i % features) + 1}`;
    throw new DataError(`${place}: ${Number.isNaN(value) ? 'NaN is not allowed' : `${value} is not finite`}`);
  }
  return Float32Array.from(values);
}

function readLabels(array: NpyArray, path: string, n: number): Float64Array {
  const dtype = npyDtype(array.descr, 'integer');
  if (!dtype) throw new DataError(`${path}: unsupported label dtype '${array.descr}' (expected an integer type)`);
  if (array.shape.length !== 1 || array.shape[0] !== n) {
    throw new DataError(`${path}: expected labels of shape (${n},) for ${n} samples, found ${pythonShape(array.shape)}`);
  }
  return readValues(array, dtype, n, path);
}

function readValues(array: NpyArray, dtype: NpyDtype, count: number, path: string): Float64Array {
  const needed = count * dtype.size;
  const available = array.bytes.length - array.dataOffset;
  if (available < needed) throw new DataError(`${path}: truncated data (expected ${needed} bytes, found ${available})`);
  const view = new DataView(array.bytes.buffer, array.bytes.byteOffset + array.dataOffset, needed);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = dtype.read(view, i * dtype.size);
  return values;
}

/** A shape as NumPy prints it: (5,), (4, 2), (). */
function pythonShape(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
