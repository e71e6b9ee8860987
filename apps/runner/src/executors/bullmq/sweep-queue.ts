import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SweepJobData, SweepJobResult, TrialJobData } from './job-data.js';
import { SweepNotQueuedError, SweepReportError } from './queue-errors.js';
import { displayUrl, openRedis, probeRedis } from './redis-connection.js';
import { QUEUE_PREFIX, SWEEPS_QUEUE, sweepJobId, TRIALS_QUEUE } from './settings.js';

/** The two queues of distributed sweeps on one connection, for the submitter's commands. */
export class SweepQueue {
  readonly sweeps: Queue<SweepJobData>;
  readonly trials: Queue<TrialJobData>;

  private constructor(
    readonly url: string,
    private readonly connection: Redis,
  ) {
    this.sweeps = new Queue(SWEEPS_QUEUE, { connection, prefix: QUEUE_PREFIX });
    this.trials = new Queue(TRIALS_QUEUE, { connection, prefix: QUEUE_PREFIX });
  }

  /** Fails with one line when Redis is not reachable. */
  static async open(url: string): Promise<SweepQueue> {
    await probeRedis(url);
    return new SweepQueue(url, openRedis(url));
  }

  async sweepJob(sweepId: string): Promise<Job<SweepJobData, SweepJobResult>> {
    const job = await Job.fromId<SweepJobData, SweepJobResult>(this.sweeps, sweepJobId(sweepId));
    if (!job) throw new SweepNotQueuedError(sweepId, displayUrl(this.url));
    return job;
  }

  async close(): Promise<void> {
    await this.trials.close();
    await this.sweeps.close();
    this.connection.disconnect();
  }
}

export type TrialJobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'removed';

export interface SweepStatus {
  readonly sweepId: string;
  readonly name: string;
  readonly parentRunId: string;
  /** running (trials queued or running), reporting (the K report job), finished, failed. */
  readonly state: 'running' | 'reporting' | 'finished' | 'failed';
  readonly cancelled: boolean;
  /** Trial jobs by BullMQ state. */
  readonly jobs: Readonly<Record<TrialJobState, number>>;
  /** Completed trial jobs by the trial's status (a trial already in the store counts as skipped too). */
  readonly trials: Readonly<{ FINISHED: number; FAILED: number; KILLED: number; skipped: number }>;
}

/** Counts of a queued sweep's trials by state. */
export async function sweepStatus(queue: SweepQueue, sweepId: string): Promise<SweepStatus> {
  const job = await queue.sweepJob(sweepId);
  const jobs: Record<TrialJobState, number> = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0, removed: 0 };
  const trials = { FINISHED: 0, FAILED: 0, KILLED: 0, skipped: 0 };
  for (const trial of job.data.trials) {
    const child = await Job.fromId(queue.trials, trial.jobId);
    const state = child ? trialState(await child.getState()) : 'removed';
    jobs[state]++;
    if (state === 'completed' && child?.returnvalue) {
      const result = child.returnvalue as { status: keyof typeof trials; skipped?: boolean };
      trials[result.status]++;
      if (result.skipped) trials.skipped++;
    }
  }
  const parentState = await job.getState();
  return {
    sweepId,
    name: job.data.name,
    parentRunId: job.data.parentRunId,
    state:
      parentState === 'completed'
        ? 'finished'
        : parentState === 'failed'
          ? 'failed'
          : parentState === 'waiting-children'
            ? 'running'
            : 'reporting',
    cancelled: job.data.cancelled ?? false,
    jobs,
    trials,
  };
}

function trialState(state: string): TrialJobState {
  if (state === 'active' || state === 'delayed' || state === 'completed' || state === 'failed') return state;
  return state === 'unknown' ? 'removed' : 'waiting';
}

export interface CancelOutcome {
  /** The sweep had already finished: nothing to cancel. */
  readonly finished: boolean;
  /** Waiting trials taken off the queue. */
  readonly removed: number;
  /** Running trials, which their workers stop within about a second. */
  readonly running: number;
}

/**
 * Cancels a queued sweep: marks its parent job cancelled (workers stop its running trials, the
 * report job ends the parent run KILLED) and removes the trials that have not started.
 */
export async function cancelSweep(queue: SweepQueue, sweepId: string): Promise<CancelOutcome> {
  const job = await queue.sweepJob(sweepId);
  const state = await job.getState();
  if (state === 'completed' || state === 'failed') return { finished: true, removed: 0, running: 0 };
  await job.updateData({ ...job.data, cancelled: true });
  let removed = 0;
  let running = 0;
  for (const trial of job.data.trials) {
    const child = await Job.fromId(queue.trials, trial.jobId);
    if (!child) continue;
    const childState = trialState(await child.getState());
    if (childState === 'active') running++;
    if (childState !== 'waiting' && childState !== 'delayed') continue;
    try {
      await child.remove();
      removed++;
    } catch {
      running++; // a worker took it meanwhile: it sees the cancel when it starts
    }
  }
  return { finished: false, removed, running };
}

/** Polls the sweep's parent job until its report is done; a failed report job is an error. */
export async function waitForSweep(
  queue: SweepQueue,
  sweepId: string,
  onStatus?: (status: SweepStatus) => void,
): Promise<SweepJobResult> {
  for (;;) {
    const job = await queue.sweepJob(sweepId);
    const state = await job.getState();
    if (state === 'completed') return job.returnvalue;
    if (state === 'failed') throw new SweepReportError(job.data.name, job.failedReason);
    if (onStatus) onStatus(await sweepStatus(queue, sweepId));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
