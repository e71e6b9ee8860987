import { GemlabError } from './gemlab-error.js';

/** Input data is unusable: a bad file (name it, and the row), a shape mismatch, a non-probability row. */
export class DataError extends GemlabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GEMLAB_DATA', message, options);
  }
}
