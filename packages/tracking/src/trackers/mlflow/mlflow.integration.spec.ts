import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrackingError } from '@gemlab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTrackerConformance } from '../../conformance/tracker-conformance.js';
import { type MlflowTestServer, startMlflowServer } from '../../testing/mlflow-server.js';
import { runNodeScript, trackingEntryUrl } from '../../testing/node-script.js';
import { decodeServerMetricValue } from '../../validation/metric-value.js';
import { MlflowApiError } from './mlflow-api-error.js';
import { MlflowTracker } from './mlflow-tracker.js';
import { MlflowRestClient } from './rest-client.js';

// One real MLflow server for this file: the conformance suite, then what the UI and other clients see.
let server: MlflowTestServer;
beforeAll(async () => {
  server = await startMlflowServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Plain REST calls, independent of MlflowRestClient, to check what the server really stored. */
const api = {
  async get<T>(path: string, query: Record<string, string>): Promise<T> {
    const response = await fetch(`${server.uri}/api/2.0/mlflow/${path}?${new URLSearchParams(query)}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  },
  async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${server.uri}/api/2.0/mlflow/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  },
};

interface RestRun {
  info: { run_id: string; status: string; end_time?: number; artifact_uri: string; experiment_id: string };
  data: { params?: { key: string; value: string }[]; tags?: { key: string; value: string }[] };
  inputs?: { dataset_inputs?: { dataset: Record<string, string>; tags: { key: string; value: string }[] }[] };
}
const getRun = async (runId: string) => (await api.get<{ run: RestRun }>('runs/get', { run_id: runId })).run;
const history = async (runId: string, key: string) =>
  (
    await api.get<{ metrics?: { step: number; value: number | string; timestamp: number }[] }>('metrics/get-history', {
      run_id: runId,
      metric_key: key,
    })
  ).metrics ?? [];
const tagsOf = (run: RestRun) => Object.fromEntries((run.data.tags ?? []).map((t) => [t.key, t.value]));
const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

/** A fetch that counts requests per endpoint. */
function countingFetch() {
  const counts = new Map<string, number>();
  const counted = ((input: string | URL | Request, init?: RequestInit) => {
    const endpoint = new URL(String(input)).pathname.replace('/api/2.0/mlflow/', '');
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: counted, count: (endpoint: string) => counts.get(endpoint) ?? 0 };
}

describeTrackerConformance('MLflow server', async () => {
  const tracker = new MlflowTracker({ uri: server.uri, flushIntervalMs: 200 });
  return {
    tracker,
    metricHistory: async (runId, key) =>
      (await tracker.client.getMetricHistory(runId, key)).map((p) => ({
        step: Number(p.step),
        value: decodeServerMetricValue(p.value),
      })),
    readArtifact: async (runId, path) => tracker.client.downloadArtifact((await getRun(runId)).info.artifact_uri, path),
  };
});

describe('MLflow tracker against a real server', () => {
  it('logs a sweep as the UI expects: parent + children, system tags, same param keys, histories, inputs, artifacts', async () => {
    const tracker = new MlflowTracker({ uri: server.uri });
    const experiment = unique('sweep');
    const parent = await tracker.startRun({ experiment, name: 'sweep-k', tags: { 'gemlab.role': 'sweep' } });
    await parent.logParams({ 'sweep.strategy': 'grid', 'sweep.size': 3 });
    const children = [];
    for (const k of [2, 3, 4]) {
      const child = await tracker.startRun({
        experiment,
        name: `tv-k${k}`,
        parentRunId: parent.runId,
        tags: { 'gemlab.trialId': `t${k}` },
      });
      await child.logParams({ 'model.nClusters': k, 'objective.name': 'tv', 'training.learningRate': 0.001 });
      await child.logDatasetInput({ name: 'gstm', n: 500, features: 2, classes: 4, source: 'data/gstm.csv', digest: 'f00dfeed' });
      for (let epoch = 0; epoch < 5; epoch++) await child.logMetrics({ loss: 10 - epoch, gemini: epoch * k }, epoch);
      await child.logArtifact('figures/curves/loss.svg', `<svg>${k}</svg>`);
      await child.logArtifact('summary.json', JSON.stringify({ k }));
      await child.end(k === 4 ? 'FAILED' : 'FINISHED');
      children.push(child);
    }
    await parent.logArtifact('config.yaml', 'experiment: sweep\n');
    await parent.end('FINISHED');

    const experimentId = (
      await api.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: experiment })
    ).experiment.experiment_id;
    const search = await api.post<{ runs: RestRun[] }>('runs/search', {
      experiment_ids: [experimentId],
      filter: `tags."mlflow.parentRunId" = '${parent.runId}'`,
    });
    expect(search.runs.map((r) => r.info.run_id).sort()).toEqual(children.map((c) => c.runId).sort());
    for (const [index, child] of children.entries()) {
      const k = index + 2;
      const run = await getRun(child.runId);
      expect(run.info.status).toBe(k === 4 ? 'FAILED' : 'FINISHED');
      expect(run.info.end_time).toBeGreaterThan(0);
      expect(Object.fromEntries((run.data.params ?? []).map((p) => [p.key, p.value]))).toEqual({
        'model.nClusters': String(k),
        'objective.name': 'tv',
        'training.learningRate': '0.001',
      });
      const tags = tagsOf(run);
      expect(tags['mlflow.parentRunId']).toBe(parent.runId);
      expect(tags['mlflow.runName']).toBe(`tv-k${k}`);
      expect(tags['mlflow.source.type']).toBe('LOCAL');
      expect(tags['mlflow.user']).toBeTruthy();
      expect(tags['mlflow.source.name']).toBeTruthy();
      expect(tags['mlflow.source.git.commit']).toMatch(/^[0-9a-f]{40}$/);
      expect(tags['gemlab.trialId']).toBe(`t${k}`);
      const gemini = (await history(child.runId, 'gemini'))
        .map((p) => [p.step, p.value])
        .sort((a, b) => Number(a[0]) - Number(b[0]));
      expect(gemini).toEqual([0, 1, 2, 3, 4].map((epoch) => [epoch, epoch * k]));
      const [input] = run.inputs?.dataset_inputs ?? [];
      expect(input?.dataset).toMatchObject({ name: 'gstm', digest: 'f00dfeed', source_type: 'local' });
      expect(JSON.parse(input!.dataset.source!)).toEqual({ uri: 'data/gstm.csv' });
      expect(JSON.parse(input!.dataset.profile!)).toMatchObject({ num_rows: 500, features: 2 });
      expect(input?.tags).toEqual([{ key: 'mlflow.data.context', value: 'training' }]);
      const root = await api.get<{ files: { path: string; is_dir: boolean }[] }>('artifacts/list', { run_id: child.runId });
      expect(root.files.map((f) => [f.path, f.is_dir]).sort()).toEqual([
        ['figures', true],
        ['summary.json', false],
      ]);
      const nested = await api.get<{ files: { path: string }[] }>('artifacts/list', {
        run_id: child.runId,
        path: 'figures/curves',
      });
      expect(nested.files.map((f) => f.path)).toEqual(['figures/curves/loss.svg']);
      const path = new URL(run.info.artifact_uri).pathname;
      const download = await fetch(`${server.uri}/api/2.0/mlflow-artifacts/artifacts${path}/figures/curves/loss.svg`);
      expect(await download.text()).toBe(`<svg>${k}</svg>`);
    }
    const records = await tracker.searchRuns({ experiment, parentRunId: parent.runId });
    expect(records.map((r) => r.metrics.loss)).toEqual([6, 6, 6]);
  }, 180_000);

  it('chunks a 2500-point flush into several log-batch requests and stores every point', async () => {
    const counter = countingFetch();
    const tracker = new MlflowTracker({ uri: server.uri, fetch: counter.fetch, flushIntervalMs: 60_000 });
    const run = await tracker.startRun({ experiment: unique('chunks'), name: 'big' });
    // 250 steps × 10 keys = 2500 points: the buffer fills at 1000 and is sent in the background.
    for (let step = 0; step < 250; step++) {
      await run.logMetrics(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, step + i / 100])), step);
    }
    await run.end('FINISHED');
    expect(counter.count('runs/log-batch')).toBeGreaterThanOrEqual(3);
    for (const key of ['m0', 'm9']) {
      const points = await history(run.runId, key);
      expect(points).toHaveLength(250);
      expect(new Set(points.map((p) => p.step)).size).toBe(250);
    }
  }, 180_000);

  it('refuses over-long values before sending anything, and never truncates', async () => {
    const counter = countingFetch();
    const tracker = new MlflowTracker({ uri: server.uri, fetch: counter.fetch });
    const run = await tracker.startRun({ experiment: unique('long'), name: 'long' });
    await expect(run.logParams({ architecture: 'x'.repeat(6001) })).rejects.toThrow(/param 'architecture' is 6001 characters/);
    await expect(run.setTags({ notes: 'y'.repeat(8001) })).rejects.toThrow(TrackingError);
    await run.logParams({ fits: 'z'.repeat(6000) });
    await run.end('FINISHED');
    const params = (await getRun(run.runId)).data.params ?? [];
    expect(params.map((p) => [p.key, p.value.length])).toEqual([['fits', 6000]]);
  });

  it('sends NaN and ±Infinity as MLflow strings and reads them back', async () => {
    const tracker = new MlflowTracker({ uri: server.uri });
    const experiment = unique('nan');
    const run = Object.assign(await tracker.startRun({ experiment, name: 'nan' }), { experiment });
    await run.logMetrics({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY }, 0);
    await run.end('FINISHED');
    // The server accepts the strings; its SQL store keeps NaN and saves ±Infinity as ±max double.
    expect((await history(run.runId, 'nan'))[0]?.value).toBe('NaN');
    expect((await history(run.runId, 'inf'))[0]?.value).toBe(Number.MAX_VALUE);
    expect((await history(run.runId, 'ninf'))[0]?.value).toBe(-Number.MAX_VALUE);
    const [record] = await tracker.searchRuns({ experiment: run.experiment });
    expect(record?.metrics).toEqual({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, ninf: Number.NEGATIVE_INFINITY });
  });

  it('ensureExperiment is race-free: two processes and five clients at once get one experiment', async () => {
    const name = unique('race');
    // A barrier: both processes start, say so, and wait for the go file, so their calls really overlap.
    const go = join(mkdtempSync(join(tmpdir(), 'gemlab-race-')), 'go');
    const script = () =>
      runNodeScript(`
        import { existsSync } from 'node:fs';
        import { MlflowTracker } from '${trackingEntryUrl()}';
        const tracker = new MlflowTracker({ uri: ${JSON.stringify(server.uri)} });
        console.log('ready');
        while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 2));
        console.log('id ' + await tracker.ensureExperiment(${JSON.stringify(name)}));
      `);
    const processes = [script(), script()];
    await Promise.all(processes.map((p) => p.line('ready')));
    writeFileSync(go, '');
    const inProcess = Array.from({ length: 5 }, () => new MlflowTracker({ uri: server.uri }).ensureExperiment(name));
    const ids = [
      ...(await Promise.all(processes.map((p) => p.line('id ')))).map((line) => line.slice(3)),
      ...(await Promise.all(inProcess)),
    ];
    expect(await Promise.all(processes.map((p) => p.exited()))).toEqual([0, 0]);
    expect(new Set(ids).size).toBe(1);
    const found = await api.post<{ experiments: { name: string }[] }>('experiments/search', {
      filter: `name = '${name}'`,
      max_results: 10,
    });
    expect(found.experiments).toHaveLength(1);
  }, 180_000);

  it('restores a deleted experiment, or refuses clearly when told not to', async () => {
    const name = unique('deleted');
    const id = await new MlflowTracker({ uri: server.uri }).ensureExperiment(name);
    await api.post('experiments/delete', { experiment_id: id });
    const refusing = new MlflowTracker({ uri: server.uri, restoreDeleted: false });
    await expect(refusing.startRun({ experiment: name, name: 'r' })).rejects.toThrow(/experiment '.*' \(id \d+\) is deleted/);
    const tracker = new MlflowTracker({ uri: server.uri });
    const run = await tracker.startRun({ experiment: name, name: 'r' });
    await run.end('FINISHED');
    const experiment = await api.get<{ experiment: { experiment_id: string; lifecycle_stage: string } }>('experiments/get', {
      experiment_id: id,
    });
    expect(experiment.experiment.lifecycle_stage).toBe('active');
    expect((await getRun(run.runId)).info.experiment_id).toBe(id);
  });

  it('types server errors, and never shows credentials in them', async () => {
    const client = new MlflowRestClient({ uri: server.uri.replace('http://', 'http://ada:s3cret@'), retry: { retries: 0 } });
    const error = (await client.logBatch({ run_id: 'no-such-run', metrics: [] }).catch((e: unknown) => e)) as MlflowApiError;
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error.status).toBe(404);
    expect(error.errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(error.message).not.toContain('s3cret');
    expect(await client.getRun('0123456789abcdef0123456789abcdef')).toBeUndefined();
  });
});
