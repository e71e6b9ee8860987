/** The abort reason of a per-trial timeout (a FAILED trial, unlike a cancel, which is KILLED). */
export function timeoutReason(seconds: number): Error {
  const error = new Error(`timed out after ${seconds} s`);
  error.name = 'TimeoutError';
  return error;
}

export function isTimeout(signal: AbortSignal | undefined): boolean {
  return (signal?.reason as Error | undefined)?.name === 'TimeoutError';
}

export function abortMessage(signal: AbortSignal | undefined): string {
  const reason = signal?.reason as Error | string | undefined;
  if (reason instanceof Error && reason.message) return reason.message;
  return typeof reason === 'string' && reason ? reason : 'cancelled';
}
