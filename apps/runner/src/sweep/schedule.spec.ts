import type { RunConfig } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { isTimeout } from '../executors/abort-reasons.js';
import type { ExecuteOptions, Executor } from '../executors/executor.js';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import { schedule } from './schedule.js';

const trials: TrialSpec[] = Array.from({ length: 6 }, (_, i) => ({
  id: `t${i}`,
  name: `trial-${i}`,
  config: {} as RunConfig,
  point: {},
  repeat: 0,
}));

/** An executor whose trials behave as a script says, recording what the scheduler asked of it. */
class ScriptedExecutor implements Executor {
  readonly calls: string[] = [];
  running = 0;
  maxRunning = 0;

  constructor(
    readonly capacity: number,
    private readonly behave: (trial: TrialSpec, attempt: number, options: ExecuteOptions) => Promise<Partial<TrialResult>>,
  ) {}

  async execute(trial: TrialSpec, options: ExecuteOptions): Promise<TrialResult> {
    const attempt = this.calls.filter((c) => c === trial.id).length;
    this.calls.push(trial.id);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      const outcome = await this.behave(trial, attempt, options);
      return { id: trial.id, name: trial.name, status: 'FINISHED', point: {}, repeat: 0, params: {}, metrics: {}, ...outcome };
    } finally {
      this.running--;
    }
  }

  async close(): Promise<void> {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const never = new AbortController().signal;

describe('schedule', () => {
  it('keeps at most `capacity` trials running and returns results in sweep order', async () => {
    const executor = new ScriptedExecutor(2, async (t) => {
      await tick();
      return { metrics: { index: Number(t.id.slice(1)) } };
    });
    const { results } = await schedule(trials, { executor, retries: 0, failFast: 0, signal: never });
    expect(executor.maxRunning).toBe(2);
    expect(results.map((r) => r.id)).toEqual(trials.map((t) => t.id));
  });

  it('retries a failed trial up to `retries` times, calling beforeRetry for each failed attempt', async () => {
    const retried: string[] = [];
    const executor = new ScriptedExecutor(1, async (t, attempt) =>
      t.id === 't1' && attempt < 2 ? { status: 'FAILED', error: 'flaky', runId: `run-${attempt}` } : {},
    );
    const { results } = await schedule(trials.slice(0, 3), {
      executor,
      retries: 2,
      failFast: 0,
      signal: never,
      beforeRetry: async (failed) => void retried.push(failed.runId as string),
    });
    expect(executor.calls).toEqual(['t0', 't1', 't1', 't1', 't2']);
    expect(retried).toEqual(['run-0', 'run-1']);
    expect(results.every((r) => r.status === 'FINISHED')).toBe(true);
  });

  it('stops after failFast consecutive failures with the same error', async () => {
    const executor = new ScriptedExecutor(1, async () => ({ status: 'FAILED', error: 'GEMLAB_DATA: bad file' }));
    const outcome = await schedule(trials, { executor, retries: 0, failFast: 3, signal: never });
    expect(executor.calls).toEqual(['t0', 't1', 't2']);
    expect(outcome.stoppedBy).toBe('3 consecutive trials failed with: GEMLAB_DATA: bad file');
  });

  it('does not stop for failures with different errors', async () => {
    const executor = new ScriptedExecutor(1, async (t) => ({ status: 'FAILED', error: `error ${t.id}` }));
    const outcome = await schedule(trials, { executor, retries: 0, failFast: 2, signal: never });
    expect(executor.calls).toHaveLength(6);
    expect(outcome.stoppedBy).toBeUndefined();
  });

  it('aborts a trial that runs past the timeout with a TimeoutError reason', async () => {
    const executor = new ScriptedExecutor(1, async (_t, _a, { signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return { status: isTimeout(signal) ? 'FAILED' : 'KILLED', error: String((signal.reason as Error).message) };
    });
    const { results } = await schedule(trials.slice(0, 1), {
      executor,
      retries: 0,
      failFast: 0,
      timeoutSeconds: 0.05,
      signal: never,
    });
    expect(results[0]).toMatchObject({ status: 'FAILED', error: 'timed out after 0.05 s' });
  });

  it('starts no new trial once the sweep is cancelled', async () => {
    const controller = new AbortController();
    const executor = new ScriptedExecutor(1, async (t) => {
      if (t.id === 't1') controller.abort('cancelled');
      return {};
    });
    const outcome = await schedule(trials, { executor, retries: 0, failFast: 0, signal: controller.signal });
    expect(executor.calls).toEqual(['t0', 't1']);
    expect(outcome.stoppedBy).toBe('cancelled');
  });
});
