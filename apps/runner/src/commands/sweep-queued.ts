import { printJson } from '../cli/output.js';
import { resolveConfigFile } from '../config/resolve-config.js';
import { submitSweep } from '../executors/bullmq/submit.js';
import { cancelSweep, SweepQueue, type SweepStatus, sweepStatus, waitForSweep } from '../executors/bullmq/sweep-queue.js';
import { redisUrlOf } from './redis-url.js';
import { printSweepOutcome } from './sweep.js';

export interface QueuedSweepOptions {
  readonly set: readonly string[];
  readonly json: boolean;
  readonly resume: boolean;
  readonly force: boolean;
  readonly redis?: string;
  readonly wait: boolean;
}

/**
 * `gemlab sweep <config> --executor bullmq`: enqueues the sweep for `gemlab worker`s (a no-op
 * when it is already queued); with --wait, waits for its report and prints it like a local sweep.
 */
export async function queuedSweepCommand(path: string, options: QueuedSweepOptions): Promise<number> {
  const resolved = await resolveConfigFile(path, options.set);
  const redisUrl = redisUrlOf(options.redis);
  // "Consecutive" failures have no order across machines; retries and timeout do apply.
  if ((resolved.config.sweep?.failFast ?? 0) > 0)
    process.stderr.write('gemlab: warning: sweep.failFast applies to local sweeps only; the queued sweep runs every trial\n');
  const submitted = await submitSweep(resolved, { redisUrl, resume: options.resume, force: options.force });
  if (!options.wait) {
    if (options.json) printJson(submitted);
    else
      process.stdout.write(
        submitted.alreadyQueued
          ? `sweep '${submitted.name}' (${submitted.sweepId}) is already queued: nothing added; see gemlab sweep --status ${submitted.sweepId}\n`
          : `sweep '${submitted.name}' (${submitted.sweepId}): ${submitted.trials} trials queued; runs in ${submitted.store}\n` +
              `  start workers:  gemlab worker --redis ${redisUrl}\n  progress:       gemlab sweep --status ${submitted.sweepId} --redis ${redisUrl}\n`,
      );
    return 0;
  }
  if (!options.json) {
    const what = submitted.alreadyQueued ? 'already queued' : `${submitted.trials} trials queued`;
    process.stderr.write(`gemlab: sweep '${submitted.name}' (${submitted.sweepId}) ${what}; waiting for its report\n`);
  }
  const queue = await SweepQueue.open(redisUrl);
  try {
    const result = await waitForSweep(queue, submitted.sweepId);
    return printSweepOutcome({ ...result, location: result.store }, options.json);
  } finally {
    await queue.close();
  }
}

/** `gemlab sweep --status <sweepId>`: the sweep's trials by state. */
export async function sweepStatusCommand(sweepId: string, options: { redis?: string; json: boolean }): Promise<number> {
  const queue = await SweepQueue.open(redisUrlOf(options.redis));
  try {
    const status = await sweepStatus(queue, sweepId);
    if (options.json) printJson(status);
    else process.stdout.write(statusText(status));
    return 0;
  } finally {
    await queue.close();
  }
}

function statusText(status: SweepStatus): string {
  const { jobs, trials } = status;
  const total = Object.values(jobs).reduce((a, b) => a + b, 0);
  const removed = jobs.removed ? `, ${jobs.removed} removed` : '';
  const skipped = trials.skipped ? ` (${trials.skipped} already in the store)` : '';
  return (
    `sweep '${status.name}' (${status.sweepId}): ${status.state}${status.cancelled ? ', cancelled' : ''}; parent run ${status.parentRunId}\n` +
    `  ${total} trials: ${jobs.waiting} waiting, ${jobs.delayed} delayed (retry), ${jobs.active} running, ${jobs.completed} done, ${jobs.failed} failed${removed}\n` +
    `  done: ${trials.FINISHED} FINISHED${skipped}, ${trials.FAILED} FAILED, ${trials.KILLED} KILLED\n`
  );
}

/** `gemlab sweep --cancel <sweepId>`: stops a queued sweep. */
export async function sweepCancelCommand(sweepId: string, options: { redis?: string; json: boolean }): Promise<number> {
  const queue = await SweepQueue.open(redisUrlOf(options.redis));
  try {
    const outcome = await cancelSweep(queue, sweepId);
    if (options.json) printJson({ sweepId, ...outcome });
    else
      process.stdout.write(
        outcome.finished
          ? `sweep ${sweepId} had already finished: nothing to cancel\n`
          : `sweep ${sweepId} cancelled: ${outcome.removed} waiting trials removed, ${outcome.running} running trials stopping; its parent run ends KILLED\n`,
      );
    return 0;
  } finally {
    await queue.close();
  }
}
