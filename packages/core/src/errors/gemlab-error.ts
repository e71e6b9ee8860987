/**
 * Base of every error a user can cause (bad config, bad data, unknown plugin, unreachable server).
 * The CLI prints `code: message` on one line and exits 2; anything that is not a GemlabError is a bug.
 */
export class GemlabError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export function isGemlabError(error: unknown): error is GemlabError {
  return error instanceof GemlabError;
}
