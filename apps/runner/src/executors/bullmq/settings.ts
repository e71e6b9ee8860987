/**
 * The queue layout and worker timings of distributed sweeps. Every worker and submitter uses
 * these values, so they are constants, not options: BullMQ's stall detection only works when
 * every worker agrees on the lock duration.
 */

/** Key prefix of every BullMQ key gemlab writes in Redis. */
export const QUEUE_PREFIX = 'gemlab';
/** One child job per trial. */
export const TRIALS_QUEUE = 'trials';
/** One parent job per sweep: runs once every trial is done and builds the K report. */
export const SWEEPS_QUEUE = 'sweeps';

/**
 * A worker holds a job's lock for this long and renews it every half of it (from its main
 * thread, which training never blocks: trials run in sandboxed processes). A killed worker's
 * lock lapses after at most this long, instead of BullMQ's default 30 s.
 */
export const LOCK_DURATION_MS = 6000;
/** How often workers look for jobs whose lock lapsed (a lapsed job is found within two checks). */
export const STALLED_INTERVAL_MS = 2000;
/** A trial whose worker died this many times fails (a trial that kills its worker must not loop forever). */
export const MAX_STALLED_COUNT = 3;
/** Retries of a FAILED trial (sweep.retries) wait 1 s, 2 s, 4 s, ... */
export const RETRY_BACKOFF_MS = 1000;
/** Attempts of the sweep's report job (it only talks to the tracking store). */
export const SWEEP_JOB_ATTEMPTS = 5;
/** How often a worker checks whether the sweeps of its running trials were cancelled. */
export const CANCEL_POLL_MS = 1000;

/** The parent job of a sweep. BullMQ ids may not contain ':'. */
export function sweepJobId(sweepId: string): string {
  return `sweep.${sweepId}`;
}

/** The child job of a trial: deterministic, so enqueueing the same trial again is a no-op. */
export function trialJobId(sweepId: string, trialId: string): string {
  return `trial.${sweepId}.${trialId}`;
}
