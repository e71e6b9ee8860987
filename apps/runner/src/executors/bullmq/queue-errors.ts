import { GemlabError } from '@gemlab/core';

/** Redis cannot be reached, or is too old for BullMQ. */
export class RedisError extends GemlabError {
  constructor(message: string) {
    super('GEMLAB_REDIS', message);
  }
}

/** `--status` or `--cancel` of a sweep id that has no job in the queue. */
export class SweepNotQueuedError extends GemlabError {
  constructor(sweepId: string, url: string) {
    super(
      'GEMLAB_SWEEP_NOT_QUEUED',
      `no queued sweep '${sweepId}' in Redis at ${url}; submit it with gemlab sweep <config> --executor bullmq`,
    );
  }
}

/** The report job of a queued sweep failed for good (the tracking store kept refusing it). */
export class SweepReportError extends GemlabError {
  constructor(name: string, reason: string) {
    super('GEMLAB_SWEEP_REPORT', `the report job of sweep '${name}' failed: ${reason}; submit the sweep again to retry it`);
  }
}
