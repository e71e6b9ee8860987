import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RunRecord } from '@gemlab/core';
import { LocalStoreTracker } from '@gemlab/tracking';
import { type MlflowTestServer, startMlflowServer } from '@gemlab/tracking/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, GEMLAB_BIN, gemlab, smallConfig, workspace } from './gemlab-cli.js';
import { type MlflowRun, mlflowRuns, tag } from './mlflow-rest.js';
import { type RedisTestServer, startRedisServer } from './redis-server.js';

// `gemlab sweep --executor bullmq` and `gemlab worker` against a real redis-server and a real
// MLflow server, both started here. Trials are tiny; the worker timings are gemlab's own.

let redis: RedisTestServer;
let mlflow: MlflowTestServer;
const workers: Worker[] = [];

/** 2 objectives × K 2, 3, 4 × `repeats`: 6 × repeats trials. */
const sweepConfig = (options: { epochs: number; repeats: number; ks?: string }) =>
  smallConfig(`sweep:
  parameters:
    objective: [{ name: mmd, mode: ova }, { name: tv, mode: ova }]
    model.nClusters: ${options.ks ?? '[2, 3, 4]'}
  repeats: ${options.repeats}
`).replace('epochs: 5', `epochs: ${options.epochs}`);

interface Worker {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the first line matching `pattern` (already printed or to come). */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

function startWorker(cwd: string, env: Record<string, string | undefined>, redisUrl = redis.url): Worker {
  const child = spawn(process.execPath, [GEMLAB_BIN, 'worker', '--redis', redisUrl, '--concurrency', '1'], {
    cwd,
    env: { ...process.env, GEMLAB_BACKEND: 'cpu', MLFLOW_TRACKING_URI: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const worker: Worker = {
    child,
    output: () => text,
    async line(pattern, timeoutMs = 180_000) {
      for (let waited = 0; waited < timeoutMs; waited += 100) {
        const found = text.split('\n').find((l) => pattern.test(l));
        if (found) return found;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`worker never printed ${pattern}; it printed:\n${text}`);
    },
  };
  workers.push(worker);
  return worker;
}

async function stopWorker(worker: Worker, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.child.once('exit', resolve));
  worker.child.kill(signal);
  await exited;
}

const json = (result: CliResult) => {
  if (result.code !== 0 && result.code !== 130) throw new Error(`exit ${result.code}\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout);
};

const childrenOf = (runs: readonly MlflowRun[], parent: MlflowRun) =>
  runs.filter((r) => tag(r, 'mlflow.parentRunId') === parent.info.run_id);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  for (let waited = 0; waited < timeoutMs; waited += 250) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('distributed sweeps on BullMQ (gemlab sweep --executor bullmq, gemlab worker)', () => {
  beforeAll(async () => {
    [redis, mlflow] = await Promise.all([startRedisServer(), startMlflowServer()]);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => stopWorker(w, 'SIGKILL')));
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), mlflow?.stop()]);
  });

  it('runs 12 trials on two workers, one SIGKILLed mid-trial, each trial once, with the report of a local run', async () => {
    const config = sweepConfig({ epochs: 30, repeats: 2 }).replace('experiment: e2e', 'experiment: e2e-distributed');
    const cwd = workspace({ 'sweep.yaml': config });
    const env = { MLFLOW_TRACKING_URI: mlflow.uri };
    const queueArgs = ['sweep', 'sweep.yaml', '--executor', 'bullmq', '--redis', redis.url, '--json'];

    const first = json(await gemlab(queueArgs, { cwd, env }));
    expect(first).toMatchObject({ trials: 12, alreadyQueued: false, store: mlflow.uri });
    const sweepId: string = first.sweepId;
    // Submitting again while it is queued adds nothing.
    expect(json(await gemlab(queueArgs, { cwd, env }))).toMatchObject({ sweepId, alreadyQueued: true });
    const queued = json(await gemlab(['sweep', '--status', sweepId, '--redis', redis.url, '--json'], { cwd }));
    expect(queued).toMatchObject({ state: 'running', jobs: { waiting: 12, active: 0, completed: 0 } });

    const waiting = gemlab([...queueArgs, '--wait'], { cwd, env, timeoutMs: 280_000 });
    const victim = startWorker(cwd, env);
    const survivor = startWorker(cwd, env);
    // Kill the first worker once its second trial has a RUNNING run in MLflow: mid-trial for sure.
    await victim.line(/FINISHED /);
    const startedLine = await until('a second trial running on the first worker', async () => {
      const lines = victim.output().split('\n');
      const finished = lines.filter((l) => / FINISHED /.test(l)).length;
      const starts = lines.filter((l) => / started /.test(l));
      return starts.length > finished ? starts[starts.length - 1] : undefined;
    });
    const trialName = /started (\S+)/.exec(startedLine)?.[1] as string;
    await until(`a RUNNING run of ${trialName}`, async () => {
      const runs = await mlflowRuns(mlflow.uri, 'e2e-distributed');
      return runs.some((r) => r.info.run_name === trialName && r.info.status === 'RUNNING') ? true : undefined;
    });
    const killedAt = Date.now();
    await stopWorker(victim, 'SIGKILL');
    const takenOver = await survivor.line(new RegExp(`started ${trialName} `), 120_000);
    const pickupSeconds = (Date.now() - killedAt) / 1000;
    console.log(`distributed-sweep: ${trialName} taken over ${pickupSeconds.toFixed(1)} s after its worker was killed`);
    expect(takenOver).toContain(trialName);

    const midway = json(await gemlab(['sweep', '--status', sweepId, '--redis', redis.url, '--json'], { cwd }));
    const jobs = midway.jobs as Record<string, number>;
    expect(Object.values(jobs).reduce((a, b) => a + b, 0)).toBe(12);
    expect(jobs.completed).toBeGreaterThanOrEqual(1);

    const outcome = json(await waiting);
    expect(outcome.trials).toHaveLength(12);
    expect(outcome.trials.every((t: { status: string }) => t.status === 'FINISHED')).toBe(true);

    const runs = await mlflowRuns(mlflow.uri, 'e2e-distributed');
    const parents = runs.filter((r) => tag(r, 'gemlab.role') === 'sweep');
    expect(parents).toHaveLength(1);
    const parent = parents[0] as MlflowRun;
    expect(parent.info.status).toBe('FINISHED');
    const children = childrenOf(runs, parent);
    expect(children).toHaveLength(12);
    expect(children.every((c) => c.info.status === 'FINISHED')).toBe(true);
    expect(new Set(children.map((c) => tag(c, 'gemlab.trialId'))).size).toBe(12);
    expect(runs).toHaveLength(13); // the killed attempt's run was deleted
    expect(survivor.output()).toMatch(new RegExp(`FINISHED ${trialName} `));

    const done = json(await gemlab(['sweep', '--status', sweepId, '--redis', redis.url, '--json'], { cwd }));
    expect(done).toMatchObject({ state: 'finished', jobs: { completed: 12 }, trials: { FINISHED: 12 } });

    // The same sweep on this machine with the local executor: the same numbers.
    const local = json(
      await gemlab(['sweep', 'sweep.yaml', '--json', '--workers', '2'], { cwd: workspace({ 'sweep.yaml': config }) }),
    );
    expect(outcome.report).toEqual(local.report);
    expect(outcome.recommendations).toEqual(local.recommendations);
    const metricsById = (o: { trials: { id: string; metrics: Record<string, number> }[] }) =>
      Object.fromEntries(o.trials.map((t) => [t.id, t.metrics]));
    expect(metricsById(outcome)).toEqual(metricsById(local));

    // Submitting the finished sweep again runs nothing: every trial is already FINISHED in MLflow.
    const again = json(await gemlab([...queueArgs, '--wait'], { cwd, env }));
    expect(again.trials.every((t: { skipped: boolean }) => t.skipped)).toBe(true);
    expect(again.report).toEqual(local.report);
    expect(childrenOf(await mlflowRuns(mlflow.uri, 'e2e-distributed'), parent)).toHaveLength(12);
  });

  it('--cancel removes the waiting trials, stops the running one, and ends the parent run KILLED (shared local store)', async () => {
    const cwd = workspace({ 'sweep.yaml': sweepConfig({ epochs: 400, repeats: 1 }) });
    const submitted = json(
      await gemlab(['sweep', 'sweep.yaml', '--executor', 'bullmq', '--redis', redis.url, '--json'], { cwd }),
    );
    const waiting = gemlab(['sweep', 'sweep.yaml', '--executor', 'bullmq', '--redis', redis.url, '--json', '--wait'], { cwd });
    const worker = startWorker(cwd, {});
    const runningName = /started (\S+)/.exec(await worker.line(/started /))?.[1];
    const store = new LocalStoreTracker({ store: join(cwd, 'runs') });
    await until('a RUNNING trial', async () =>
      (await store.searchRuns({ experiment: 'e2e' })).some((r) => r.status === 'RUNNING' && r.name === runningName)
        ? true
        : undefined,
    );
    const cancel = await gemlab(['sweep', '--cancel', submitted.sweepId, '--redis', redis.url], { cwd });
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(/cancelled: 5 waiting trials removed, 1 running trials stopping/);

    const result = await waiting;
    expect(result.code).toBe(130);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.stoppedBy).toBe('cancelled');
    expect(outcome.trials.map((t: { status: string }) => t.status)).toEqual(Array(6).fill('KILLED'));
    const runs: RunRecord[] = await store.searchRuns({ experiment: 'e2e' });
    expect(runs.filter((r) => r.tags['gemlab.role'] === 'sweep').map((r) => r.status)).toEqual(['KILLED']);
    const trials = runs.filter((r) => r.tags['gemlab.role'] === 'trial');
    expect(trials.map((r) => [r.name, r.status])).toEqual([[runningName, 'KILLED']]);
    expect(worker.output()).toMatch(new RegExp(`KILLED ${runningName} in .*: cancelled`));
    const status = json(await gemlab(['sweep', '--status', submitted.sweepId, '--redis', redis.url, '--json'], { cwd }));
    expect(status).toMatchObject({ state: 'finished', cancelled: true, jobs: { removed: 5, completed: 1 } });
  });

  it('an unreachable Redis is one line and exit code 2, for the submitter and for a worker', async () => {
    const cwd = workspace({ 'sweep.yaml': sweepConfig({ epochs: 5, repeats: 1 }) });
    const closed = await startRedisServer();
    const url = closed.url;
    await closed.stop();
    for (const args of [
      ['sweep', 'sweep.yaml', '--executor', 'bullmq', '--redis', url],
      ['worker', '--redis', url],
      ['sweep', '--status', 'abc', '--redis', url],
    ]) {
      const result = await gemlab(args, { cwd });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `gemlab: GEMLAB_REDIS: cannot reach Redis at ${url} (connect ECONNREFUSED 127.0.0.1:${closed.port}); start it, or pass the right --redis URL\n`,
      );
    }
    const unknown = await gemlab(['sweep', '--status', 'nosuchsweep', '--redis', redis.url], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^gemlab: GEMLAB_SWEEP_NOT_QUEUED: no queued sweep 'nosuchsweep' in Redis at .*\n$/);
  });

  it('finishes a sweep whose Redis was killed mid-sweep and restarted (append-only file), without duplicate trials', async () => {
    const persistent = await startRedisServer({ persistent: true });
    try {
      const config = sweepConfig({ epochs: 30, repeats: 1 }).replace('experiment: e2e', 'experiment: e2e-redis-lost');
      const cwd = workspace({ 'sweep.yaml': config });
      const env = { MLFLOW_TRACKING_URI: mlflow.uri };
      const args = ['sweep', 'sweep.yaml', '--executor', 'bullmq', '--redis', persistent.url, '--json'];
      expect(json(await gemlab(args, { cwd, env })).trials).toBe(6);
      const waiting = gemlab([...args, '--wait'], { cwd, env, timeoutMs: 280_000 });
      const worker = startWorker(cwd, env, persistent.url);
      await worker.line(/FINISHED /);
      await persistent.kill();
      await worker.line(/Redis at .* is unreachable/);
      // Longer than a lock: the running trial's lock lapses while Redis is away.
      await new Promise((resolve) => setTimeout(resolve, 8000));
      await persistent.restart();
      await worker.line(/Redis at .* is back/, 60_000);

      const outcome = json(await waiting);
      const events = worker
        .output()
        .split('\n')
        .filter((l) => /lost its lock|unreachable|is back|attempt [2-9]/.test(l));
      console.log(`distributed-sweep: the worker while Redis was away:\n${events.join('\n')}`);
      expect(outcome.trials.map((t: { status: string }) => t.status)).toEqual(Array(6).fill('FINISHED'));
      const runs = await mlflowRuns(mlflow.uri, 'e2e-redis-lost');
      const parent = runs.find((r) => tag(r, 'gemlab.role') === 'sweep') as MlflowRun;
      expect(parent.info.status).toBe('FINISHED');
      const children = childrenOf(runs, parent);
      expect(children).toHaveLength(6);
      expect(children.every((c) => c.info.status === 'FINISHED')).toBe(true);
      expect(new Set(children.map((c) => tag(c, 'gemlab.trialId'))).size).toBe(6);
      expect(runs).toHaveLength(7);
    } finally {
      await persistent.stop();
    }
  });
});
