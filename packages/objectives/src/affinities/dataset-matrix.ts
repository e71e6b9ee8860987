import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type Affinity, DataError, type Tensor2D, tf } from '@gemlab/core';

/** A whole-set n×n matrix, row-major, as a precomputed kernel or distance holds it. */
export interface SquareMatrix {
  readonly size: number;
  readonly values: Float32Array;
  /** Where it came from, for error messages: the file path, or 'inline values'. */
  readonly source: string;
}

/** Reads an n×n matrix from a CSV (comma- or whitespace-separated, no header) or JSON (number[][]) file. */
export function readSquareMatrix(path: string, baseDir: string): SquareMatrix {
  const file = resolve(baseDir, path);
  if (!existsSync(file)) throw new DataError(`${path}: file not found (looked in ${baseDir})`);
  const text = readFileSync(file, 'utf8');
  const rows = extname(file).toLowerCase() === '.json' ? parseJsonRows(text, path) : parseCsvRows(text, path);
  return squareMatrix(rows, path);
}

/** Checks rows of numbers form a finite square matrix; `source` names them in errors. */
export function squareMatrix(rows: readonly (readonly number[])[], source: string): SquareMatrix {
  const size = rows.length;
  const values = new Float32Array(size * size);
  rows.forEach((row, r) => {
    if (row.length !== size) {
      throw new DataError(`${source}: row ${r + 1} has ${row.length} values; a ${size}×${size} matrix needs ${size}`);
    }
    row.forEach((value, c) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new DataError(`${source}: row ${r + 1}, column ${c + 1} is ${JSON.stringify(value)}, not a finite number`);
      }
      values[r * size + c] = value;
    });
  });
  if (size === 0) throw new DataError(`${source}: the matrix is empty`);
  return { size, values, source };
}

/** Fails unless the matrix is symmetric (to float32 precision); `what` names the plugin. */
export function requireSymmetric(matrix: SquareMatrix, what: string): void {
  const { size, values } = matrix;
  for (let r = 0; r < size; r++) {
    for (let c = r + 1; c < size; c++) {
      const a = values[r * size + c] as number;
      const b = values[c * size + r] as number;
      if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new DataError(
          `${what} (${matrix.source}): entry (${r + 1}, ${c + 1}) = ${a} differs from (${c + 1}, ${r + 1}) = ${b}; it must be symmetric`,
        );
      }
    }
  }
}

/**
 * A scope-'dataset' affinity that hands out the whole matrix: `compute(x)` checks that x has
 * one row per matrix row and returns a fresh tensor of the matrix (the caller disposes it).
 */
export function datasetMatrixAffinity(what: string, matrix: SquareMatrix): Affinity {
  return {
    scope: 'dataset',
    compute(x: Tensor2D, y?: Tensor2D): Tensor2D {
      if (y !== undefined) throw new Error(`${what} has scope 'dataset': call compute(x) once on the whole data set`);
      const n = x.shape[0];
      if (matrix.size !== n) {
        throw new DataError(`${what} (${matrix.source}) is ${matrix.size}×${matrix.size}, but the data set has ${n} samples`);
      }
      return tf.tensor2d(matrix.values, [n, n]);
    },
  };
}

function parseJsonRows(text: string, path: string): number[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new DataError(`${path}: expected a JSON array of rows (number[][])`);
  return parsed.map((row, r) => {
    if (!Array.isArray(row)) throw new DataError(`${path}: row ${r + 1} is not an array of numbers`);
    return row as number[];
  });
}

function parseCsvRows(text: string, path: string): number[][] {
  const rows: number[][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    rows.push(
      trimmed.split(/\s*,\s*|\s+/).map((cell, c) => {
        const value = Number(cell);
        if (cell === '' || !Number.isFinite(value)) {
          throw new DataError(`${path}: line ${index + 1}, column ${c + 1}: '${cell}' is not a number`);
        }
        return value;
      }),
    );
  });
  return rows;
}
