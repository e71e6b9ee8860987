import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EpochLogs, Tracker } from '@gemlab/core';
import { PNG_THREADS_ENV } from '../figures/render/png-worker.js';
import { trialParams, withAllKeys } from '../trial/trial-params.js';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import { abortMessage, isTimeout } from './abort-reasons.js';
import type { BatchExecuteOptions, ExecuteOptions, Executor } from './executor.js';
import type { TrialEnvironmentSpec } from './trial-environment.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** How long a worker may take to flush its tracker after the last trial. */
const CLOSE_TIMEOUT_MS = 120_000;

const WORKER_SCRIPT = fileURLToPath(new URL('../trial-worker.js', import.meta.url));

/**
 * A pool of `capacity` child processes, each with its own tfjs, so CPU-bound training uses
 * every core; a batch of trials (sweep.batchTrials) goes to one process. A trial that is aborted (timeout, cancel) has its process killed, and its run
 * is closed from here through `tracker`; a fresh process replaces it on demand.
 */
export class LocalPoolExecutor implements Executor {
  private readonly idle: ChildProcess[] = [];

  constructor(
    readonly capacity: number,
    private readonly environment: TrialEnvironmentSpec,
    private readonly tracker: Tracker,
  ) {}

  async execute(trial: TrialSpec, options: ExecuteOptions): Promise<TrialResult> {
    const [result] = await this.runOnWorker(
      [trial],
      { type: 'run', trial, environment: this.environment },
      options.signal,
      (_, logs) => options.onEpoch?.(logs),
    );
    return result as TrialResult;
  }

  executeBatch(trials: readonly TrialSpec[], options: BatchExecuteOptions): Promise<TrialResult[]> {
    return this.runOnWorker(trials, { type: 'runBatch', trials, environment: this.environment }, options.signal, (trial, logs) =>
      options.onEpoch?.(trial, logs),
    );
  }

  /**
   * Sends one message (a trial or a batch) to an idle worker and waits for its results. If the
   * worker is lost (killed on abort, crashed, exited), every run it had started is closed here
   * and every trial of the message gets a FAILED (timeout, crash) or KILLED (cancel) result.
   */
  private async runOnWorker(
    trials: readonly TrialSpec[],
    message: ToWorker,
    signal: AbortSignal,
    onEpoch: (trial: TrialSpec, logs: EpochLogs) => void,
  ): Promise<TrialResult[]> {
    const child =
      this.idle.pop() ??
      fork(WORKER_SCRIPT, [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Each process gets its share of the cores for its PNG threads, not a whole machine's worth.
        env: { [PNG_THREADS_ENV]: String(Math.max(1, Math.floor(availableParallelism() / this.capacity))), ...process.env },
      });
    const byId = new Map(trials.map((trial) => [trial.id, trial]));
    const runIds = new Map<string, string>();
    const outcome = await new Promise<readonly TrialResult[] | { lost: string }>((resolve) => {
      const onMessage = (reply: FromWorker) => {
        if (reply.type === 'started') runIds.set(reply.trialId, reply.runId);
        else if (reply.type === 'epoch') {
          const trial = byId.get(reply.trialId);
          if (trial) onEpoch(trial, reply.logs);
        } else if (reply.type === 'result') finish([reply.result]);
        else if (reply.type === 'batchResult') finish(reply.results);
        else if (reply.type === 'crashed') finish({ lost: reply.error });
      };
      const onExit = (code: number | null, exitSignal: string | null) =>
        finish({ lost: `worker process exited (${exitSignal ?? code})` });
      const onAbort = () => {
        child.kill('SIGKILL');
        finish({ lost: abortMessage(signal) });
      };
      const finish = (value: readonly TrialResult[] | { lost: string }) => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort);
      child.send(message);
    });
    if (!('lost' in outcome)) {
      this.idle.push(child);
      return [...outcome];
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const status = signal.aborted && !isTimeout(signal) ? 'KILLED' : 'FAILED';
    const results: TrialResult[] = [];
    for (const trial of trials) {
      const runId = runIds.get(trial.id);
      if (runId) {
        const run = await this.tracker.resumeRun(runId);
        await run.setTags({ 'gemlab.error': outcome.lost });
        await run.end(status);
      }
      results.push({
        id: trial.id,
        name: trial.name,
        status,
        runId,
        point: trial.point,
        repeat: trial.repeat,
        params: withAllKeys(trialParams(trial.config), this.environment.paramKeys ?? []),
        metrics: {},
        error: outcome.lost,
      });
    }
    return results;
  }

  /** Lets each worker flush its tracker (MLflow mirroring) and exit, so the sweep ends with every run stored. */
  async close(): Promise<void> {
    const children = this.idle.splice(0);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.disconnect();
          }),
      ),
    );
  }
}
