import { GemlabError } from './gemlab-error.js';

/** The tracking store cannot be reached or refused a request; never carries credentials. */
export class TrackingError extends GemlabError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GEMLAB_TRACKING', message, options);
  }
}
