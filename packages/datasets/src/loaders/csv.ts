import { DataError, type DataSet, defineDataset, type Static, Type } from '@gemlab/core';
import { encodeLabels } from '../labels/encode-labels.js';
import { makeDataSet } from '../make-dataset.js';
import { cellPlace, looksNumeric, parseNumber } from './parse-number.js';
import { readDataText } from './read-data-file.js';
import { splitCsvLine } from './split-csv-line.js';

const schema = Type.Object(
  {
    path: Type.String({ minLength: 1, description: 'the CSV file, relative to the config file' }),
    header: Type.Union([Type.Boolean(), Type.Literal('auto')], {
      default: 'auto',
      description: "whether row 1 names the columns; 'auto': yes when a feature cell of row 1 is not a number",
    }),
    delimiter: Type.String({ minLength: 1, default: ',', description: 'cell separator' }),
    label: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })], {
        description: 'the label column, by header name or 0-based index; every other column is a feature',
      }),
    ),
  },
  { additionalProperties: false },
);

type CsvParams = Static<typeof schema>;

/** One non-blank line of the file: its 1-based line number and its cells. */
interface CsvRecord {
  readonly row: number;
  readonly cells: readonly string[];
}

/** A numeric table from a CSV file, with an optional label column (strings or integers). */
export const csv = defineDataset({
  name: 'csv',
  description: 'A numeric table read from a CSV file, with an optional label column',
  schema,
  async create(params, ctx) {
    return parseCsv(await readDataText(params.path, ctx.baseDir), params);
  },
});

/** Parses CSV text into a DataSet; rows in errors are the file's 1-based line numbers. */
function parseCsv(text: string, params: CsvParams): DataSet {
  const { path } = params;
  const records: CsvRecord[] = text
    .split(/\r?\n/)
    .map((line, i) => ({ row: i + 1, line }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ row, line }) => ({ row, cells: splitCsvLine(line, params.delimiter) }));
  const first = records[0];
  if (!first) throw new DataError(`${path}: the file is empty`);
  const hasHeader = decideHeader(first, params);
  const names = hasHeader ? first.cells.map((cell) => cell.trim()) : undefined;
  const labelColumn = resolveLabelColumn(params, first.cells.length, names);
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new DataError(`${path}: no data rows after the header`);
  const width = first.cells.length;
  const features = width - (labelColumn === undefined ? 0 : 1);
  if (features === 0) throw new DataError(`${path}: no feature columns besides the label`);
  const x = new Float32Array(rows.length * features);
  const labels: string[] = [];
  rows.forEach(({ row, cells }, r) => {
    if (cells.length !== width) throw new DataError(`${path}, row ${row}: expected ${width} columns, found ${cells.length}`);
    let feature = 0;
    cells.forEach((cell, column) => {
      if (column === labelColumn) {
        if (cell.trim() === '') throw new DataError(`${cellPlace(path, row, column + 1, names?.[column])}: empty label`);
        labels.push(cell.trim());
        return;
      }
      const parsed = parseNumber(cell);
      if ('problem' in parsed) throw new DataError(`${cellPlace(path, row, column + 1, names?.[column])}: ${parsed.problem}`);
      x[r * features + feature++] = parsed.value;
    });
  });
  const encoded = labelColumn === undefined ? undefined : encodeLabels(labels);
  return makeDataSet({ name: 'csv', source: path, x, sampleShape: [features], y: encoded?.y, classes: encoded?.classes });
}

function decideHeader(first: CsvRecord, params: CsvParams): boolean {
  if (params.header !== 'auto') return params.header;
  if (typeof params.label === 'string') return true;
  return first.cells.some((cell, column) => column !== params.label && !looksNumeric(cell));
}

function resolveLabelColumn(params: CsvParams, width: number, names: readonly string[] | undefined): number | undefined {
  const { label, path } = params;
  if (label === undefined) return undefined;
  if (typeof label === 'number') {
    if (label >= width) throw new DataError(`${path}: no label column ${label} (row 1 has ${width} columns, numbered from 0)`);
    return label;
  }
  if (!names) throw new DataError(`${path}: label column '${label}' needs a header row, but header is false`);
  const column = names.indexOf(label);
  if (column < 0) throw new DataError(`${path}: no label column '${label}' (columns: ${names.join(', ')})`);
  return column;
}
