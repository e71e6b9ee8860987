import { GemlabError } from './gemlab-error.js';

/** The requested tensor backend cannot be used (unknown name, failed to load, missing kernel). */
export class BackendError extends GemlabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GEMLAB_BACKEND', message, options);
  }
}
