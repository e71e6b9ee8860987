import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Tracker } from '@gemlab/core';
import { trialParams, withAllKeys } from '../trial/trial-params.js';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import { abortMessage, isTimeout } from './abort-reasons.js';
import type { ExecuteOptions, Executor } from './executor.js';
import type { TrialEnvironmentSpec } from './trial-environment.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** How long a worker may take to flush its tracker after the last trial. */
const CLOSE_TIMEOUT_MS = 120_000;

const WORKER_SCRIPT = fileURLToPath(new URL('../trial-worker.js', import.meta.url));

/**
 * A pool of `capacity` child processes, each with its own tfjs, so CPU-bound training uses
 * every core. A trial that is aborted (timeout, cancel) has its process killed, and its run
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
    const child = this.idle.pop() ?? fork(WORKER_SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let runId: string | undefined;
    const outcome = await new Promise<TrialResult | { lost: string }>((resolve) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'started') runId = message.runId;
        else if (message.type === 'epoch') options.onEpoch?.(message.logs);
        else if (message.type === 'result') finish(message.result);
        else if (message.type === 'crashed') finish({ lost: message.error });
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish({ lost: `worker process exited (${signal ?? code})` });
      const onAbort = () => {
        child.kill('SIGKILL');
        finish({ lost: abortMessage(options.signal) });
      };
      const finish = (value: TrialResult | { lost: string }) => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        options.signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      if (options.signal.aborted) return onAbort();
      options.signal.addEventListener('abort', onAbort);
      child.send({ type: 'run', trial, environment: this.environment } satisfies ToWorker);
    });
    if (!('lost' in outcome)) {
      this.idle.push(child);
      return outcome;
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const status = options.signal.aborted && !isTimeout(options.signal) ? 'KILLED' : 'FAILED';
    if (runId) {
      const run = await this.tracker.resumeRun(runId);
      await run.setTags({ 'gemlab.error': outcome.lost });
      await run.end(status);
    }
    return {
      id: trial.id,
      name: trial.name,
      status,
      runId,
      point: trial.point,
      repeat: trial.repeat,
      params: withAllKeys(trialParams(trial.config), this.environment.paramKeys ?? []),
      metrics: {},
      error: outcome.lost,
    };
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
