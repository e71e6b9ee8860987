import { DataError } from '@gemlab/core';

/** `[28, 28, 1]` as a message shows it. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Throws a DataError unless `shape` is a sample shape: rank ≥ 1, every dimension a positive integer. */
export function checkSampleShape(architecture: string, shape: readonly number[]): void {
  if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new DataError(
      `architecture '${architecture}' needs a sample shape of positive integers with at least one dimension; got ${formatShape(shape)}`,
    );
  }
}
