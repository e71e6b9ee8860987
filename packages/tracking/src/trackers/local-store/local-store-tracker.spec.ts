import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTrackerConformance } from '../../conformance/tracker-conformance.js';
import { runNodeScript, trackingEntryUrl } from '../../testing/node-script.js';
import { LocalStoreTracker } from './local-store-tracker.js';
import { readMetricPoints } from './store-files.js';

const dirs: string[] = [];
const tempStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeTrackerConformance('local store', async () => {
  const tracker = new LocalStoreTracker({ store: tempStore() });
  return {
    tracker,
    metricHistory: async (runId, key) =>
      (await readMetricPoints(await tracker.findRun(runId)))
        .filter((p) => p.key === key)
        .map(({ step, value }) => ({ step, value })),
    readArtifact: async (runId, path) => new Uint8Array(await readFile(join(await tracker.findRun(runId), 'artifacts', path))),
  };
});

describe('local store files', () => {
  it('writes the documented layout, readable as plain JSON and JSONL', async () => {
    const store = tempStore();
    const tracker = new LocalStoreTracker({ store });
    const parent = await tracker.startRun({ experiment: 'gstm k/sweep', name: 'sweep' });
    const run = await tracker.startRun({ experiment: 'gstm k/sweep', name: 'k4', parentRunId: parent.runId, tags: { k: '4' } });
    await run.logParams({ 'model.nClusters': 4 });
    await run.logMetrics({ loss: 0.5, ari: Number.NaN }, 0);
    await run.logMetrics({ loss: 0.25 }, 1);
    await run.logDatasetInput({ name: 'gstm', n: 100, features: 2, source: 'synthetic', digest: 'abc' });
    await run.logArtifact('figures/k.svg', '<svg/>');
    await run.end('FINISHED');

    expect(readdirSync(store)).toEqual(['gstm%20k%2Fsweep']);
    const dir = join(store, 'gstm%20k%2Fsweep', run.runId);
    expect(readdirSync(dir).sort()).toEqual([
      'artifacts',
      'inputs.json',
      'metrics.jsonl',
      'params.json',
      'run.json',
      'tags.json',
    ]);
    expect(JSON.parse(readFileSync(join(store, 'gstm%20k%2Fsweep', 'experiment.json'), 'utf8')).name).toBe('gstm k/sweep');
    const runFile = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(runFile).toMatchObject({ runId: run.runId, name: 'k4', status: 'FINISHED', parentRunId: parent.runId });
    expect(runFile.latestMetrics).toEqual({ loss: 0.25, ari: 'NaN' });
    expect(JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8'))).toEqual({ 'model.nClusters': '4' });
    expect(JSON.parse(readFileSync(join(dir, 'tags.json'), 'utf8'))).toMatchObject({ k: '4', 'mlflow.source.type': 'LOCAL' });
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map(({ key, value, step }) => [key, value, step])).toEqual([
      ['loss', 0.5, 0],
      ['ari', 'NaN', 0],
      ['loss', 0.25, 1],
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'))).toEqual([
      { name: 'gstm', digest: 'abc', n: 100, features: 2, source: 'synthetic', context: 'training' },
    ]);
    expect(readFileSync(join(dir, 'artifacts', 'figures', 'k.svg'), 'utf8')).toBe('<svg/>');
  });

  it('a run killed with SIGKILL mid-run reads back as RUNNING with everything logged before the kill', async () => {
    const store = tempStore();
    const script = runNodeScript(`
      import { LocalStoreTracker } from '${trackingEntryUrl()}';
      const tracker = new LocalStoreTracker({ store: ${JSON.stringify(store)} });
      const run = await tracker.startRun({ experiment: 'crash', name: 'victim', tags: { trial: 't1' } });
      await run.logParams({ k: 3 });
      for (let epoch = 0; epoch < 50; epoch++) await run.logMetrics({ loss: 1 / (epoch + 1), gemini: epoch / 10 }, epoch);
      await run.logArtifact('notes/partial.txt', 'half way');
      console.log('ready ' + run.runId);
      setInterval(() => {}, 1000);
    `);
    const runId = (await script.line('ready ')).slice('ready '.length);
    script.child.kill('SIGKILL');
    await script.exited();
    const dir = join(store, 'crash', runId);
    // What a kill in the middle of an append leaves: a torn last line; and a stray temp file.
    appendFileSync(join(dir, 'metrics.jsonl'), '{"key":"loss","value":0.0');
    writeFileSync(join(dir, 'tags.json.gemlab-tmp-1-dead'), '{"tr');

    const [record] = await new LocalStoreTracker({ store }).searchRuns({ experiment: 'crash', tags: { trial: 't1' } });
    expect(record).toMatchObject({ runId, name: 'victim', status: 'RUNNING', params: { k: '3' } });
    expect(record!.endTime).toBeUndefined();
    expect(record!.metrics).toEqual({ loss: 1 / 50, gemini: 4.9 });
    const points = await readMetricPoints(dir);
    expect(points).toHaveLength(100);
    expect(points.filter((p) => p.key === 'loss').map((p) => p.step)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(readFileSync(join(dir, 'artifacts', 'notes', 'partial.txt'), 'utf8')).toBe('half way');

    // The killed run can be resumed and closed by another process (the runner marks it FAILED).
    const tracker = new LocalStoreTracker({ store });
    const resumed = await tracker.resumeRun(runId);
    await resumed.logMetrics({ loss: 0.01 }, 50);
    await resumed.end('FAILED');
    const [after] = await tracker.searchRuns({ experiment: 'crash' });
    expect(after).toMatchObject({ status: 'FAILED', metrics: { loss: 0.01, gemini: 4.9 } });
  });

  it('two processes can write runs of the same experiment at once', async () => {
    const store = tempStore();
    const writer = (label: string) =>
      runNodeScript(`
        import { LocalStoreTracker } from '${trackingEntryUrl()}';
        const tracker = new LocalStoreTracker({ store: ${JSON.stringify(store)} });
        for (let i = 0; i < 5; i++) {
          const run = await tracker.startRun({ experiment: 'shared', name: '${label}-' + i });
          for (let step = 0; step < 20; step++) await run.logMetrics({ loss: step }, step);
          await run.end('FINISHED');
        }
        console.log('done');
      `);
    const scripts = [writer('a'), writer('b')];
    expect(await Promise.all(scripts.map((s) => s.exited()))).toEqual([0, 0]);
    const runs = await new LocalStoreTracker({ store }).searchRuns({ experiment: 'shared' });
    expect(runs).toHaveLength(10);
    expect(runs.every((r) => r.status === 'FINISHED' && r.metrics.loss === 19)).toBe(true);
  });
});
