import { DataError, type Tensor2D } from '@gemlab/core';

/** Throws a DataError naming the affinity and the first negative entry (1-based row, column). */
export function requireNonNegative(what: string, ...matrices: Tensor2D[]): void {
  for (const matrix of matrices) {
    const values = matrix.dataSync();
    const columns = matrix.shape[1];
    const at = values.findIndex((v) => v < 0);
    if (at >= 0) {
      const row = Math.floor(at / columns) + 1;
      const column = (at % columns) + 1;
      throw new DataError(`${what} needs non-negative data; row ${row}, column ${column} is ${values[at]}`);
    }
  }
}
