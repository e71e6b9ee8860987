import { GemlabError } from './gemlab-error.js';

/** Work was stopped on purpose (SIGINT, a timeout, a cancelled sweep). */
export class CancelledError extends GemlabError {
  constructor(message = 'cancelled') {
    super('GEMLAB_CANCELLED', message);
  }
}
