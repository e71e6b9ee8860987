import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tracker } from '@gemlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTrackerConformance } from '../conformance/tracker-conformance.js';
import { createTracker } from '../create-tracker.js';
import { type MlflowTestServer, startMlflowServer } from '../testing/mlflow-server.js';
import { LocalStoreTracker } from '../trackers/local-store/local-store-tracker.js';
import { readMetricPoints } from '../trackers/local-store/store-files.js';
import { MlflowTracker } from '../trackers/mlflow/mlflow-tracker.js';
import { MlflowRestClient } from '../trackers/mlflow/rest-client.js';
import type { LogBatchRequest } from '../trackers/mlflow/rest-types.js';
import { ResilientTracker } from '../trackers/resilient/resilient-tracker.js';
import { syncStore } from './sync-store.js';

// One real MLflow server for this file; the outage test kills and restarts it.
let server: MlflowTestServer;
const stores: string[] = [];
beforeAll(async () => {
  server = await startMlflowServer();
});
afterAll(async () => {
  await server?.stop();
  for (const store of stores) rmSync(store, { recursive: true, force: true });
});
const tempStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-sync-'));
  stores.push(dir);
  return dir;
};
const fastRetry = { retries: 2, initialDelayMs: 20, maxDelayMs: 50 };

interface RestRun {
  info: { run_id: string; run_name: string; status: string; start_time: number; end_time?: number; artifact_uri: string };
  data: { params?: { key: string; value: string }[]; tags?: { key: string; value: string }[] };
  inputs?: { dataset_inputs?: { dataset: { name: string; digest: string } }[] };
}
async function call<T>(path: string, body?: unknown, query?: Record<string, string>): Promise<T> {
  const url = `${server.uri}/api/2.0/mlflow/${path}${query ? `?${new URLSearchParams(query)}` : ''}`;
  const response = await fetch(
    url,
    body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
/** Every run of an experiment on the server, by name. */
async function serverRuns(experiment: string): Promise<Map<string, RestRun>> {
  const { experiment: found } = await call<{ experiment: { experiment_id: string } }>('experiments/get-by-name', undefined, {
    experiment_name: experiment,
  });
  const { runs = [] } = await call<{ runs?: RestRun[] }>('runs/search', {
    experiment_ids: [found.experiment_id],
    max_results: 1000,
  });
  return new Map(runs.map((run) => [run.info.run_name, run]));
}
async function history(runId: string, key: string) {
  const { metrics = [] } = await call<{ metrics?: { step: number; value: number | string; timestamp: number }[] }>(
    'metrics/get-history',
    undefined,
    { run_id: runId, metric_key: key },
  );
  return metrics.sort((a, b) => a.step - b.step);
}
const tagsOf = (run: RestRun) => Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
async function artifactText(run: RestRun, path: string): Promise<string> {
  const response = await fetch(
    `${server.uri}/api/2.0/mlflow-artifacts/artifacts${new URL(run.info.artifact_uri).pathname}/${path}`,
  );
  return response.text();
}
const localRunDir = (store: string, experiment: string, runId: string) => join(store, encodeURIComponent(experiment), runId);

describeTrackerConformance('local store mirrored to MLflow (createTracker with a uri)', async () => {
  const warnings: string[] = [];
  const tracker = createTracker({
    store: tempStore(),
    uri: server.uri,
    warn: (m) => warnings.push(m),
    mlflow: { retry: fastRetry },
  });
  return {
    tracker,
    // Every run was mirrored without a single failure.
    cleanup: async () => expect(warnings).toEqual([]),
  };
});

describe('createTracker', () => {
  it('returns the local store without a URI, and the resilient mirror with one', async () => {
    const saved = process.env.MLFLOW_TRACKING_URI;
    delete process.env.MLFLOW_TRACKING_URI;
    try {
      const store = tempStore();
      const local = createTracker({ store });
      expect(local).toBeInstanceOf(LocalStoreTracker);
      expect(local.kind).toBe('local');
      expect(local.location).toBe(store);
      const mirrored = createTracker({ store, uri: `http://ada:s3cret@127.0.0.1:${new URL(server.uri).port}` });
      expect(mirrored).toBeInstanceOf(ResilientTracker);
      expect(mirrored.kind).toBe('mlflow');
      expect(mirrored.location).toBe(server.uri);
      process.env.MLFLOW_TRACKING_URI = server.uri;
      expect(createTracker({ store })).toBeInstanceOf(ResilientTracker);
    } finally {
      if (saved === undefined) delete process.env.MLFLOW_TRACKING_URI;
      else process.env.MLFLOW_TRACKING_URI = saved;
    }
  });
});

describe('sync of a local store', () => {
  it('replays runs once: parents first, steps, timestamps, inputs, artifacts and statuses preserved; a second sync adds nothing', async () => {
    const store = tempStore();
    const experiment = 'offline-sweep';
    const local = new LocalStoreTracker({ store });
    const parent = await local.startRun({ experiment, name: 'sweep', tags: { 'gemlab.role': 'sweep' } });
    await parent.logParams({ 'sweep.size': 3 });
    const names = ['k2', 'k3', 'k4'];
    const children = [];
    for (const [i, name] of names.entries()) {
      const child = await local.startRun({ experiment, name, parentRunId: parent.runId, tags: { 'gemlab.trialId': name } });
      await child.logParams({ 'model.nClusters': i + 2, lr: 0.01 });
      await child.logDatasetInput({ name: 'moons', n: 200, features: 2, classes: 2, source: 'synthetic', digest: `moons${i}` });
      for (let step = 0; step < 30; step++)
        await child.logMetrics({ loss: 1 / (step + 1), ari: step === 0 ? Number.NaN : step / 30 }, step);
      await child.logArtifact('figures/nested/curve.svg', `<svg>${name}</svg>`);
      children.push(child);
    }
    await children[0]!.end('FINISHED');
    await children[1]!.end('FAILED');
    // children[2] stays RUNNING, like a run whose process was killed.
    await parent.end('FINISHED');

    expect(await syncStore({ store, uri: server.uri, retry: fastRetry })).toEqual({
      created: 4,
      completed: 0,
      skipped: 0,
      deleted: 0,
    });
    const runs = await serverRuns(experiment);
    expect([...runs.keys()].sort()).toEqual(['k2', 'k3', 'k4', 'sweep']);
    const serverParent = runs.get('sweep')!;
    expect(serverParent.info.status).toBe('FINISHED');
    for (const [i, name] of names.entries()) {
      const run = runs.get(name)!;
      const localDir = localRunDir(store, experiment, children[i]!.runId);
      const localRun = JSON.parse(readFileSync(join(localDir, 'run.json'), 'utf8'));
      expect(tagsOf(run)['mlflow.parentRunId']).toBe(serverParent.info.run_id);
      expect(tagsOf(run)['gemlab.localRunId']).toBe(children[i]!.runId);
      expect(run.info.status).toBe(['FINISHED', 'FAILED', 'RUNNING'][i]);
      expect(run.info.start_time).toBe(localRun.startTime);
      if (localRun.endTime) expect(run.info.end_time).toBe(localRun.endTime);
      const localLoss = (await readMetricPoints(localDir)).filter((p) => p.key === 'loss');
      const remoteLoss = await history(run.info.run_id, 'loss');
      expect(remoteLoss.map((p) => [p.step, p.value, p.timestamp])).toEqual(localLoss.map((p) => [p.step, p.value, p.timestamp]));
      expect((await history(run.info.run_id, 'ari'))[0]?.value).toBe('NaN');
      expect(run.inputs?.dataset_inputs?.map((d) => d.dataset.digest)).toEqual([`moons${i}`]);
      expect(await artifactText(run, 'figures/nested/curve.svg')).toBe(`<svg>${name}</svg>`);
    }

    expect(await syncStore({ store, uri: server.uri })).toEqual({ created: 0, completed: 0, skipped: 4, deleted: 0 });
    // Without the mapping files, the gemlab.localRunId tag still finds every run: no duplicates.
    for (const folder of readdirSync(join(store, experiment)).filter((name) => /^[0-9a-f]{32}$/.test(name))) {
      rmSync(join(store, experiment, folder, 'sync.json'));
    }
    expect(await syncStore({ store, uri: server.uri })).toEqual({ created: 0, completed: 0, skipped: 4, deleted: 0 });
    expect((await serverRuns(experiment)).size).toBe(4);

    // The killed run is resumed and finished locally, one run is deleted: sync sends exactly that.
    const resumed = await local.resumeRun(children[2]!.runId);
    await resumed.logMetrics({ loss: 0.001 }, 30);
    await resumed.end('KILLED');
    await local.deleteRun(children[1]!.runId);
    expect(await syncStore({ store, uri: server.uri })).toEqual({ created: 0, completed: 1, skipped: 2, deleted: 1 });
    const after = await serverRuns(experiment);
    expect([...after.keys()].sort()).toEqual(['k2', 'k4', 'sweep']);
    expect(after.get('k4')!.info.status).toBe('KILLED');
    expect((await history(after.get('k4')!.info.run_id, 'loss')).map((p) => p.step)).toEqual(
      Array.from({ length: 31 }, (_, i) => i),
    );
  }, 240_000);
});

describe('resilient tracking through a server outage', () => {
  it('keeps training when the server dies mid-run, warns once, and a sync completes every point and status', async () => {
    const store = tempStore();
    const experiment = 'outage';
    const warnings: string[] = [];
    const tracker: Tracker = createTracker({
      store,
      uri: server.uri,
      warn: (message) => warnings.push(message),
      mlflow: { retry: fastRetry, flushIntervalMs: 50 },
    });
    const parent = await tracker.startRun({ experiment, name: 'sweep', tags: { 'gemlab.role': 'sweep' } });
    const child = await tracker.startRun({ experiment, name: 'trial', parentRunId: parent.runId });
    await child.logParams({ k: 3, lr: 0.01 });
    for (let epoch = 0; epoch < 20; epoch++)
      await child.logMetrics({ loss: 100 - epoch, gemini: epoch / 10, ari: epoch / 20 }, epoch);
    await child.flush();
    const mirroredBefore = await serverRuns(experiment);
    expect((await history(mirroredBefore.get('trial')!.info.run_id, 'loss')).length).toBe(20);

    await server.kill();
    expect(server.processGroup()).toBeUndefined();
    for (let epoch = 20; epoch < 60; epoch++) {
      await child.logMetrics({ loss: 100 - epoch, gemini: epoch / 10, ari: epoch / 20 }, epoch);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await child.logArtifact('figures/after-outage.svg', '<svg/>');
    await child.setTags({ outcome: 'survived' });
    await child.end('FINISHED');
    await parent.logParams({ 'sweep.size': 1 });
    await parent.end('FINISHED');
    await tracker.close();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/MLflow mirroring stopped .*could not reach the server/);
    expect(warnings[0]).toContain(store);
    const local = await tracker.searchRuns({ experiment, parentRunId: parent.runId });
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({
      status: 'FINISHED',
      metrics: { loss: 41, gemini: 5.9, ari: 59 / 20 },
      tags: { outcome: 'survived' },
    });
    const sync = JSON.parse(readFileSync(join(localRunDir(store, experiment, child.runId), 'sync.json'), 'utf8'));
    expect(sync[server.uri]).toMatchObject({ complete: false, mlflowRunId: mirroredBefore.get('trial')!.info.run_id });

    await server.restart();
    expect(server.processGroup()).toBeGreaterThan(1);
    // Only what the server lacks is sent: the 40 epochs × 3 metrics logged during the outage.
    const sent: LogBatchRequest[] = [];
    const recording = ((input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/runs/log-batch')) sent.push(JSON.parse(String(init?.body)) as LogBatchRequest);
      return fetch(input, init);
    }) as typeof fetch;
    const client = new MlflowRestClient({ uri: server.uri, fetch: recording });
    expect(await syncStore({ store, client })).toEqual({ created: 0, completed: 2, skipped: 0, deleted: 0 });
    const sentMetrics = sent.flatMap((r) => r.metrics ?? []);
    expect(sentMetrics).toHaveLength(120);
    expect(Math.min(...sentMetrics.map((m) => Number(m.step)))).toBe(20);
    expect(sent.flatMap((r) => r.params ?? [])).toEqual([{ key: 'sweep.size', value: '1' }]);
    expect(sent.flatMap((r) => r.tags ?? [])).toEqual([{ key: 'outcome', value: 'survived' }]);
    const runs = await serverRuns(experiment);
    expect(runs.size).toBe(2);
    const trial = runs.get('trial')!;
    const sweep = runs.get('sweep')!;
    expect(trial.info.run_id).toBe(mirroredBefore.get('trial')!.info.run_id);
    expect(trial.info.status).toBe('FINISHED');
    expect(sweep.info.status).toBe('FINISHED');
    expect(tagsOf(trial)['mlflow.parentRunId']).toBe(sweep.info.run_id);
    expect(tagsOf(trial).outcome).toBe('survived');
    expect(Object.fromEntries((sweep.data.params ?? []).map((p) => [p.key, p.value]))).toEqual({ 'sweep.size': '1' });
    for (const key of ['loss', 'gemini', 'ari']) {
      const points = await history(trial.info.run_id, key);
      expect(points.map((p) => p.step)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    }
    expect((await history(trial.info.run_id, 'loss')).map((p) => p.value)).toEqual(Array.from({ length: 60 }, (_, i) => 100 - i));
    expect(await artifactText(trial, 'figures/after-outage.svg')).toBe('<svg/>');
    expect(await syncStore({ store, uri: server.uri })).toEqual({ created: 0, completed: 0, skipped: 2, deleted: 0 });
    expect((await serverRuns(experiment)).size).toBe(2);
  }, 240_000);

  it('deletes or reopens a just-ended run only after its end reached the server (slow runs/update)', async () => {
    // The real server, reached through a fetch that holds every runs/update back: the ordering
    // between a run's queued `end` and a following delete or resume must not depend on timing.
    const slowUpdates = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/runs/update')) await new Promise((resolve) => setTimeout(resolve, 400));
      return fetch(input, init);
    }) as typeof fetch;
    const warnings: string[] = [];
    const experiment = 'end-then-delete';
    const tracker = createTracker({
      store: tempStore(),
      uri: server.uri,
      warn: (m) => warnings.push(m),
      mlflow: { retry: fastRetry, fetch: slowUpdates },
    }) as ResilientTracker;
    const parent = await tracker.startRun({ experiment, name: 'sweep' });
    const drop = await tracker.startRun({ experiment, name: 'drop', parentRunId: parent.runId });
    await drop.end('KILLED');
    await tracker.deleteRun(drop.runId);
    await parent.end('FINISHED');
    const resumed = await tracker.resumeRun(parent.runId);
    await resumed.flush();
    await tracker.settled();
    expect(warnings).toEqual([]);
    const runs = await serverRuns(experiment);
    expect([...runs.keys()]).toEqual(['sweep']);
    expect(runs.get('sweep')!.info.status).toBe('RUNNING');
    await resumed.end('FINISHED');
    await tracker.close();
    expect((await serverRuns(experiment)).get('sweep')!.info.status).toBe('FINISHED');
  }, 120_000);

  it('lets training run ahead of a slow server by maxBackgroundRuns ended runs, then waits', async () => {
    // Every runs/update (a run's end) is held at a gate the test opens: with 2 ended runs still
    // mirroring, a third startRun waits for the server; with the default bound it does not.
    for (const [bound, waits] of [
      [2, true],
      [undefined, false],
    ] as const) {
      let open: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const heldUpdates = (async (input: string | URL | Request, init?: RequestInit) => {
        if (String(input).endsWith('/runs/update')) await gate;
        return fetch(input, init);
      }) as typeof fetch;
      const experiment = `bounded-${bound ?? 'default'}`;
      const tracker = createTracker({
        store: tempStore(),
        uri: server.uri,
        mlflow: { retry: fastRetry, fetch: heldUpdates },
        maxBackgroundRuns: bound,
      });
      const parent = await tracker.startRun({ experiment, name: 'sweep' });
      for (const name of ['a', 'b']) {
        const run = await tracker.startRun({ experiment, name, parentRunId: parent.runId });
        await run.logMetrics({ loss: 1 }, 0);
        await run.end('FINISHED');
      }
      let started = false;
      const third = tracker.startRun({ experiment, name: 'c', parentRunId: parent.runId }).then((run) => {
        started = true;
        return run;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(started).toBe(!waits);
      open();
      const run = await third;
      await run.end('FINISHED');
      await parent.end('FINISHED');
      await tracker.close();
      const runs = await serverRuns(experiment);
      expect([...runs.values()].map((r) => `${r.info.run_name}:${r.info.status}`).sort()).toEqual([
        'a:FINISHED',
        'b:FINISHED',
        'c:FINISHED',
        'sweep:FINISHED',
      ]);
    }
  }, 120_000);

  it('sends metrics while a training loop that never yields to the event loop is still running', async () => {
    // The loop awaits only logging calls, which return at once: unless the tracker gives the
    // event loop a turn now and then, no request completes before the loop ends.
    const busyFor = (ms: number): number => {
      let spins = 0;
      for (const until = performance.now() + ms; performance.now() < until; ) spins++;
      return spins;
    };
    for (const kind of ['mirror', 'direct'] as const) {
      let landed = 0;
      const counting = (async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/runs/log-batch') && response.ok) landed++;
        return response;
      }) as typeof fetch;
      const experiment = `never-yields-${kind}`;
      const mlflow = { retry: fastRetry, fetch: counting, flushIntervalMs: 100 };
      const tracker: Tracker =
        kind === 'mirror'
          ? createTracker({ store: tempStore(), uri: server.uri, mlflow })
          : new MlflowTracker({ uri: server.uri, ...mlflow });
      const run = await tracker.startRun({ experiment, name: 'trial' });
      let epochs = 0;
      for (const until = performance.now() + 3000; performance.now() < until; epochs++) {
        busyFor(2); // a training step
        await run.logMetrics({ loss: 1 / (epochs + 1), gemini: epochs }, epochs);
      }
      const landedWhileTraining = landed;
      await run.end('FINISHED');
      await tracker.close();
      expect(landedWhileTraining, kind).toBeGreaterThan(0);
      const trial = (await serverRuns(experiment)).get('trial')!;
      expect((await history(trial.info.run_id, 'gemini')).length, kind).toBe(epochs);
    }
  }, 120_000);

  it('mirrors resumeRun and deleteRun to the server, and marks fully mirrored runs complete', async () => {
    const store = tempStore();
    const experiment = 'resume-delete';
    const tracker = createTracker({ store, uri: server.uri, mlflow: { retry: fastRetry } }) as ResilientTracker;
    const parent = await tracker.startRun({ experiment, name: 'sweep' });
    const trial = await tracker.startRun({ experiment, name: 'trial', parentRunId: parent.runId });
    await trial.end('KILLED');
    await parent.end('FINISHED');
    await tracker.settled();
    const sync = JSON.parse(readFileSync(join(localRunDir(store, experiment, parent.runId), 'sync.json'), 'utf8'));
    expect(sync[server.uri].complete).toBe(true);

    const resumed = await tracker.resumeRun(parent.runId);
    await resumed.flush();
    expect((await serverRuns(experiment)).get('sweep')!.info.status).toBe('RUNNING');
    await tracker.deleteRun(trial.runId);
    await tracker.settled();
    expect([...(await serverRuns(experiment)).keys()]).toEqual(['sweep']);
    await resumed.logMetrics({ 'k.best': 3 }, 0);
    await resumed.end('FINISHED');
    await tracker.settled();
    const serverParent = (await serverRuns(experiment)).get('sweep')!;
    expect(serverParent.info.status).toBe('FINISHED');
    expect(await history(serverParent.info.run_id, 'k.best')).toHaveLength(1);
    expect(await syncStore({ store, uri: server.uri })).toEqual({ created: 0, completed: 0, skipped: 2, deleted: 0 });
    await tracker.close();
  }, 240_000);
});
