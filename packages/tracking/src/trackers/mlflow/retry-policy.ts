/** How a failed request is retried: capped exponential backoff with jitter. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  readonly retries?: number;
  /** Delay before the first retry, in ms (default 250). */
  readonly initialDelayMs?: number;
  /** Cap on any single delay, in ms (default 8000). */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  /** The wait before retry number `attempt` (0-based), with jitter in [50 %, 100 %] of the capped backoff. */
  delayMs(attempt: number): number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const retries = options.retries ?? 5;
  const initial = options.initialDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 8000;
  return {
    retries,
    delayMs: (attempt) => {
      const backoff = Math.min(cap, initial * 2 ** attempt);
      // Jitter spreads retries of many workers hitting the same restarted server.
      return backoff * (0.5 + Math.random() * 0.5);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
