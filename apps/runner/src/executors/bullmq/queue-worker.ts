import { fileURLToPath } from 'node:url';
import { Job, Queue, Worker } from 'bullmq';
import type { TrialResult } from '../../trial/trial-spec.js';
import type { SweepJobData, SweepJobResult, TrialJobData } from './job-data.js';
import { displayUrl, openRedis, probeRedis } from './redis-connection.js';
import {
  CANCEL_POLL_MS,
  LOCK_DURATION_MS,
  MAX_STALLED_COUNT,
  QUEUE_PREFIX,
  STALLED_INTERVAL_MS,
  SWEEPS_QUEUE,
  TRIALS_QUEUE,
} from './settings.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TRIAL_PROCESSOR = fileURLToPath(new URL('./trial-job.js', import.meta.url));
const SWEEP_PROCESSOR = fileURLToPath(new URL('./sweep-job.js', import.meta.url));

export interface QueueWorkerOptions {
  readonly redisUrl: string;
  /** Trials run at once (each in its own process). */
  readonly concurrency: number;
  /** One line per event (trial started, ended, connection lost and back). */
  readonly log: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; waits for the running ones unless `force`. */
  close(force?: boolean): Promise<void>;
}

/**
 * `gemlab worker`: takes trial jobs (and the report jobs of finished sweeps) from Redis and runs
 * them in sandboxed processes, `concurrency` at a time. Locks and stall checks use gemlab's
 * fixed timings (settings.ts), so a killed worker's trial is taken over within seconds. While
 * Redis is away the connection retries; running trials go on and their jobs complete when it
 * is back (a trial whose lock lapsed meanwhile is stopped here: another worker owns it now).
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  await probeRedis(options.redisUrl);
  const connection = openRedis(options.redisUrl);
  const common = {
    connection,
    prefix: QUEUE_PREFIX,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    useWorkerThreads: false,
  };
  const trials = new Worker<TrialJobData, TrialResult>(TRIALS_QUEUE, TRIAL_PROCESSOR, {
    ...common,
    concurrency: options.concurrency,
  });
  const reports = new Worker<SweepJobData, SweepJobResult>(SWEEPS_QUEUE, SWEEP_PROCESSOR, { ...common, concurrency: 1 });
  const sweeps = new Queue<SweepJobData>(SWEEPS_QUEUE, { connection, prefix: QUEUE_PREFIX });
  const log = options.log;
  const started = new Map<string, { parentId?: string; at: number }>();

  const cancelIfCancelled = async (jobIds: readonly string[]) => {
    const byParent = new Map<string, string[]>();
    for (const id of jobIds) {
      const parentId = started.get(id)?.parentId;
      if (parentId) byParent.set(parentId, [...(byParent.get(parentId) ?? []), id]);
    }
    for (const [parentId, ids] of byParent) {
      const parent = await Job.fromId<SweepJobData>(sweeps, parentId);
      if (parent?.data.cancelled) for (const id of ids) trials.cancelJob(id, 'cancelled');
    }
  };

  trials.on('active', (job) => {
    started.set(job.id as string, { parentId: job.parent?.id, at: Date.now() });
    log(`started ${job.data.trial.name} (job ${job.id}, attempt ${job.attemptsMade + 1})`);
    cancelIfCancelled([job.id as string]).catch(() => undefined);
  });
  trials.on('completed', (job, result) => {
    const seconds = ((Date.now() - (started.get(job.id as string)?.at ?? Date.now())) / 1000).toFixed(1);
    started.delete(job.id as string);
    const note = result.skipped ? ' (already FINISHED in the store)' : result.error ? `: ${result.error}` : '';
    log(`${result.status} ${result.name} in ${seconds} s${note}`);
  });
  trials.on('failed', (job, error) => {
    if (job) started.delete(job.id as string);
    log(`attempt of ${job?.data.trial.name ?? 'a trial'} failed: ${error.message.split('\n')[0]}`);
  });
  // The lock lapsed (Redis was away too long, or this process stalled): another worker has the
  // trial now, so this attempt stops; its run is deleted by the attempt that took over.
  trials.on('lockRenewalFailed', (jobIds) => {
    for (const id of jobIds) {
      trials.cancelJob(id, 'lost its lock to another worker');
      started.delete(id);
      log(`job ${id} lost its lock (another worker runs it now): stopping this attempt`);
    }
  });
  let reporting = 0;
  reports.on('active', () => {
    reporting++;
  });
  reports.on('completed', (job, result) => {
    reporting--;
    log(`sweep ${job.data.name}: report of ${result.results.length} trials logged on ${result.parentRunId}`);
  });
  reports.on('failed', (job, error) => {
    reporting = Math.max(0, reporting - 1);
    log(`report of sweep ${job?.data.name ?? '?'} failed: ${error.message}`);
  });

  let connected = true;
  const onError = (error: Error) => {
    const line = error.message.split('\n')[0];
    // A job whose lock lapsed (Redis was away longer than a lock) goes back to the queue; its next
    // attempt finds the run this one finished in the store and does not train again.
    if (/^Missing lock for job/.test(line ?? '')) return log(`${line}: the job is queued again and its next attempt settles it`);
    if (!isConnectionError(error)) return log(`error: ${line}`);
    if (connected) log(`Redis at ${displayUrl(options.redisUrl)} is unreachable (${line}); retrying`);
    connected = false;
  };
  trials.on('error', onError);
  reports.on('error', onError);
  sweeps.on('error', onError);
  connection.on('ready', () => {
    if (!connected) log(`Redis at ${displayUrl(options.redisUrl)} is back`);
    connected = true;
  });

  const poll = setInterval(() => {
    if (started.size > 0 && connected) cancelIfCancelled([...started.keys()]).catch(() => undefined);
  }, CANCEL_POLL_MS);

  await Promise.all([trials.waitUntilReady(), reports.waitUntilReady()]);
  log(
    `waiting for trials on ${displayUrl(options.redisUrl)} (concurrency ${options.concurrency}, lock ${LOCK_DURATION_MS / 1000} s)`,
  );
  return {
    async close(force = false) {
      clearInterval(poll);
      const closing = Promise.all([trials.close(force), reports.close(force)]).then(() => sweeps.close());
      // Closing talks to Redis, which may be away: once no job runs here, nothing is lost by not waiting.
      const idle = (async () => {
        while (started.size > 0 || reporting > 0) await sleep(250);
        await sleep(2000);
      })();
      await Promise.race([closing, idle]);
      connection.disconnect();
    },
  };
}

/** A socket-level failure (ECONNREFUSED, ECONNRESET, a closed connection), as opposed to a refused command. */
function isConnectionError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /connection is closed|connect E/i.test(error.message);
}
