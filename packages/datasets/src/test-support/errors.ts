import { DataError } from '@gemlab/core';
import { expect } from 'vitest';

/** Asserts that `work` rejects with a DataError whose message is exactly `message`. */
export async function expectDataError(work: Promise<unknown>, message: string): Promise<void> {
  const error = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'expected a rejection').toBeInstanceOf(DataError);
  expect((error as DataError).message).toBe(message);
}
