import { DataError, type DataSet, defineDataset, type Static, Type } from '@gemlab/core';
import { encodeLabels } from '../labels/encode-labels.js';
import { makeDataSet } from '../make-dataset.js';
import { cellPlace } from './parse-number.js';
import { readDataText } from './read-data-file.js';

const schema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'the JSON file, relative to the config file' }),
    label: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })], {
        description: 'for an array of rows: the label entry, by key (object rows) or 0-based index (array rows)',
      }),
    ),
  },
  { additionalProperties: false },
);

type JsonParams = Static<typeof schema>;
type Label = string | number;

/**
 * A data set from a JSON file: either an array of rows (arrays of numbers, or objects with the
 * same keys), or `{ "x": [...samples], "y": [...labels] }` where samples may be nested arrays
 * (their shape becomes the sample shape) and y is optional.
 */
export const json = defineDataset({
  name: 'json',
  description: 'A data set read from a JSON file (array of rows, or { x, y })',
  schema,
  async create(params, ctx) {
    const text = await readDataText(params.path, ctx.baseDir);
    if (text.trim() === '') throw new DataError(`${params.path}: the file is empty`);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new DataError(`${params.path}: invalid JSON (${(error as Error).message})`, { cause: error });
    }
    if (Array.isArray(document)) return fromRows(document, params);
    if (isRecord(document) && Array.isArray(document.x)) return fromSamples(document.x, document.y, params);
    throw new DataError(`${params.path}: expected an array of rows or an object with an array 'x'`);
  },
});

function fromRows(rows: readonly unknown[], params: JsonParams): DataSet {
  const { path, label } = params;
  const first = rows[0];
  if (first === undefined) throw new DataError(`${path}: no rows`);
  const keys = Array.isArray(first) ? undefined : isRecord(first) ? Object.keys(first) : [];
  if (keys?.length === 0) throw new DataError(`${path}, row 1: a row must be an array of numbers or an object`);
  const width = keys ? keys.length : (first as unknown[]).length;
  const labelColumn = resolveLabel(label, keys, width, path);
  const features = width - (labelColumn === undefined ? 0 : 1);
  if (features === 0) throw new DataError(`${path}: no feature entries besides the label`);
  const x = new Float32Array(rows.length * features);
  const labels: Label[] = [];
  rows.forEach((row, r) => {
    const values = rowValues(row, keys, width, path, r + 1);
    let feature = 0;
    values.forEach((value, column) => {
      const name = keys?.[column];
      if (column === labelColumn) labels.push(checkLabel(value, cellPlace(path, r + 1, column + 1, name)));
      else x[r * features + feature++] = checkNumber(value, cellPlace(path, r + 1, column + 1, name));
    });
  });
  const encoded = labelColumn === undefined ? undefined : encodeLabels(labels);
  return makeDataSet({ name: 'json', source: path, x, sampleShape: [features], y: encoded?.y, classes: encoded?.classes });
}

function fromSamples(samples: readonly unknown[], rawLabels: unknown, params: JsonParams): DataSet {
  const { path } = params;
  if (params.label !== undefined) throw new DataError(`${path}: 'label' applies to an array of rows; this file gives x and y`);
  if (samples.length === 0) throw new DataError(`${path}: x has no samples`);
  const sampleShape = shapeOf(samples[0]);
  const features = sampleShape.reduce((product, size) => product * size, 1);
  if (features === 0) throw new DataError(`${path}, row 1: the sample is empty`);
  const x = new Float32Array(samples.length * features);
  samples.forEach((sample, r) => {
    const flat: unknown[] = [];
    if (!flattenInto(sample, sampleShape, flat)) {
      throw new DataError(`${path}, row ${r + 1}: sample shape differs from row 1's [${sampleShape.join(', ')}]`);
    }
    flat.forEach((value, column) => {
      x[r * features + column] = checkNumber(value, cellPlace(path, r + 1, column + 1));
    });
  });
  if (rawLabels === undefined) return makeDataSet({ name: 'json', source: path, x, sampleShape });
  if (!Array.isArray(rawLabels)) throw new DataError(`${path}: y must be an array of labels`);
  if (rawLabels.length !== samples.length)
    throw new DataError(`${path}: y has ${rawLabels.length} labels for ${samples.length} samples`);
  const labels = rawLabels.map((value, r) => checkLabel(value, `${path}, row ${r + 1} of y`));
  const encoded = encodeLabels(labels);
  return makeDataSet({ name: 'json', source: path, x, sampleShape, y: encoded.y, classes: encoded.classes });
}

function resolveLabel(
  label: Label | undefined,
  keys: readonly string[] | undefined,
  width: number,
  path: string,
): number | undefined {
  if (label === undefined) return undefined;
  if (keys) {
    const column = keys.indexOf(String(label));
    if (column < 0) throw new DataError(`${path}: no label key '${label}' in row 1 (keys: ${keys.join(', ')})`);
    return column;
  }
  if (typeof label === 'string') throw new DataError(`${path}: label '${label}' names a key, but the rows are arrays`);
  if (label >= width) throw new DataError(`${path}: no label column ${label} (row 1 has ${width} entries, numbered from 0)`);
  return label;
}

/** The entries of one row in column order, checking it has the same keys or length as row 1. */
function rowValues(row: unknown, keys: readonly string[] | undefined, width: number, path: string, rowNumber: number): unknown[] {
  if (keys) {
    if (!isRecord(row)) throw new DataError(`${path}, row ${rowNumber}: expected an object like row 1`);
    const found = Object.keys(row);
    if (found.length !== keys.length || keys.some((key) => !(key in row))) {
      throw new DataError(`${path}, row ${rowNumber}: has keys (${found.join(', ')}), expected (${keys.join(', ')})`);
    }
    return keys.map((key) => row[key]);
  }
  if (!Array.isArray(row)) throw new DataError(`${path}, row ${rowNumber}: expected an array like row 1`);
  if (row.length !== width) throw new DataError(`${path}, row ${rowNumber}: expected ${width} values, found ${row.length}`);
  return row;
}

function checkNumber(value: unknown, place: string): number {
  if (typeof value !== 'number') throw new DataError(`${place}: ${JSON.stringify(value) ?? String(value)} is not a number`);
  if (!Number.isFinite(value)) throw new DataError(`${place}: ${value} is not finite`);
  return value;
}

function checkLabel(value: unknown, place: string): Label {
  if ((typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new DataError(`${place}: ${JSON.stringify(value)} is not a label (a non-empty string or a number)`);
}

/** The nested-array shape of a sample ([1] for a bare number). */
function shapeOf(sample: unknown): number[] {
  if (!Array.isArray(sample)) return [1];
  const shape: number[] = [];
  let level: unknown = sample;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

/** Appends the sample's entries in row-major order; false when its shape is not `shape`. */
function flattenInto(sample: unknown, shape: readonly number[], out: unknown[]): boolean {
  if (Array.isArray(sample)) return flattenLevel(sample, shape, 0, out);
  if (shape.length !== 1 || shape[0] !== 1) return false;
  out.push(sample);
  return true;
}

function flattenLevel(level: unknown, shape: readonly number[], depth: number, out: unknown[]): boolean {
  if (depth === shape.length) {
    if (Array.isArray(level)) return false;
    out.push(level);
    return true;
  }
  if (!Array.isArray(level) || level.length !== shape[depth]) return false;
  return level.every((entry) => flattenLevel(entry, shape, depth + 1, out));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
