import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@gemlab/core/testing';
import { type MlflowTestServer, startMlflowServer } from '@gemlab/tracking/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gemlab, workspace } from './gemlab-cli.js';
import { type MlflowRun, mlflowApi, mlflowRuns, tag } from './mlflow-rest.js';

let server: MlflowTestServer;

const api = <T>(path: string, body?: unknown) => mlflowApi<T>(server.uri, path, body);

describe('a sweep tracked in a real MLflow server', () => {
  beforeAll(async () => {
    server = await startMlflowServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the README main job appears as one parent with every trial as a child', async () => {
    const cwd = workspace();
    cpSync(join(repositoryRoot(), 'examples', 'sweep-k.yaml'), join(cwd, 'sweep-k.yaml'));
    // The README's job, shrunk in epochs and data so that the test stays fast.
    const result = await gemlab(
      ['sweep', 'sweep-k.yaml', '--json', '--set', 'training.epochs=3', '--set', 'dataset.n=300', '--set', 'sweep.repeats=1'],
      { cwd, env: { MLFLOW_TRACKING_URI: server.uri } },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout);
    expect(outcome.trials).toHaveLength(14);

    const runs = await mlflowRuns(server.uri, 'gstm-k-sweep');
    const parents = runs.filter((r) => tag(r, 'gemlab.role') === 'sweep');
    expect(parents).toHaveLength(1);
    const parent = parents[0] as MlflowRun;
    expect(parent.info.status).toBe('FINISHED');
    const children = runs.filter((r) => tag(r, 'mlflow.parentRunId') === parent.info.run_id);
    expect(children).toHaveLength(14);
    expect(children.every((c) => c.info.status === 'FINISHED')).toBe(true);
    const paramKeys = children.map((c) =>
      (c.data.params ?? [])
        .map((p) => p.key)
        .sort()
        .join(','),
    );
    expect(new Set(paramKeys).size).toBe(1);
    for (const child of children) {
      const metrics = Object.fromEntries((child.data.metrics ?? []).map((m) => [m.key, m]));
      for (const key of ['gemini', 'loss', 'ari', 'nmi', 'acc', 'used_clusters']) expect(metrics[key]).toBeDefined();
      expect(metrics.gemini?.step).toBe(3);
      const { metrics: history } = await api<{ metrics: { step: number }[] }>(
        `metrics/get-history?run_id=${child.info.run_id}&metric_key=loss`,
      );
      expect(history.map((m) => m.step).sort()).toEqual([1, 2, 3]);
    }
    const { files } = await api<{ files: { path: string }[] }>(`artifacts/list?run_id=${parent.info.run_id}&path=tables`);
    expect(files.map((f) => f.path).sort()).toEqual(expect.arrayContaining(['tables/k_report.csv', 'tables/k_report.md']));
  });
});
