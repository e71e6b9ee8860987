import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '@gemlab/core';
import { LocalStoreTracker } from '@gemlab/tracking';
import { describe, expect, it } from 'vitest';
import type { TrialResult, TrialSpec } from '../../trial/trial-spec.js';
import type { SweepJobData } from './job-data.js';
import { settlePreviousAttempts } from './previous-attempts.js';
import { trialJobId } from './settings.js';
import { sweepResults } from './sweep-results.js';

const trial = (id: string, name = `mmd-ova-k2-${id}`): TrialSpec => ({
  id,
  name,
  config: { experiment: 'queued' } as RunConfig,
  point: { 'model.nClusters': 2 },
  repeat: 0,
});

describe('settlePreviousAttempts (what a trial job finds in the shared store before it runs)', () => {
  const store = () => new LocalStoreTracker({ store: mkdtempSync(join(tmpdir(), 'gemlab-queued-')) });
  const start = async (tracker: LocalStoreTracker, parentRunId: string, trialId: string, end?: 'FINISHED' | 'FAILED') => {
    const run = await tracker.startRun({ experiment: 'queued', name: 'r', parentRunId, tags: { 'gemlab.trialId': trialId } });
    await run.logMetrics({ ari: 0.5 }, 3);
    if (end) await run.end(end);
    return run.runId;
  };

  it('returns the FINISHED run as the result and deletes every other attempt of the trial, and nothing else', async () => {
    const tracker = store();
    const parent = (await tracker.startRun({ experiment: 'queued', name: 'sweep' })).runId;
    const failed = await start(tracker, parent, 't1', 'FAILED');
    const finished = await start(tracker, parent, 't1', 'FINISHED');
    const running = await start(tracker, parent, 't1');
    const other = await start(tracker, parent, 't2');
    const result = await settlePreviousAttempts(tracker, trial('t1'), parent);
    expect(result).toMatchObject({ id: 't1', status: 'FINISHED', runId: finished, skipped: true, metrics: { ari: 0.5 } });
    const left = (await tracker.searchRuns({ experiment: 'queued', parentRunId: parent })).map((r) => r.runId).sort();
    expect(left).toEqual([finished, other].sort());
    expect(left).not.toContain(failed);
    expect(left).not.toContain(running);
  });

  it('deletes a killed attempt (RUNNING) and returns nothing when no attempt FINISHED', async () => {
    const tracker = store();
    const parent = (await tracker.startRun({ experiment: 'queued', name: 'sweep' })).runId;
    await start(tracker, parent, 't1');
    expect(await settlePreviousAttempts(tracker, trial('t1'), parent)).toBeUndefined();
    expect(await tracker.searchRuns({ experiment: 'queued', parentRunId: parent })).toEqual([]);
  });
});

describe('sweepResults (the report job: children values → results in sweep order)', () => {
  const data = (cancelled = false): SweepJobData => ({
    sweepId: 's',
    name: 'sweep',
    experiment: 'queued',
    parentRunId: 'p',
    store: { store: '/tmp/runs' },
    paramKeys: ['model.nClusters'],
    trials: ['a', 'b', 'c'].map((id) => ({
      id,
      name: `n-${id}`,
      jobId: trialJobId('s', id),
      point: {},
      repeat: 0,
      params: { 'model.nClusters': '2' },
    })),
    submittedAt: 0,
    ...(cancelled ? { cancelled } : {}),
  });
  const result = (id: string): TrialResult => ({
    id,
    name: `n-${id}`,
    status: 'FINISHED',
    runId: `run-${id}`,
    point: {},
    repeat: 0,
    params: { 'model.nClusters': '2' },
    metrics: { ari: 1 },
  });
  const key = (id: string) => `gemlab:trials:${trialJobId('s', id)}`;

  it('orders by the sweep, not by completion; a child that failed for good is FAILED with its params', () => {
    const results = sweepResults(
      data(),
      { [key('c')]: result('c'), [key('a')]: result('a') },
      { [key('b')]: 'job stalled more than allowable limit' },
    );
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['a', 'FINISHED'],
      ['b', 'FAILED'],
      ['c', 'FINISHED'],
    ]);
    expect(results[1]).toMatchObject({
      error: 'job stalled more than allowable limit',
      params: { 'model.nClusters': '2' },
      metrics: {},
    });
  });

  it('counts trials removed by a cancel as KILLED, and leaves them out otherwise', () => {
    expect(sweepResults(data(true), { [key('a')]: result('a') }, {}).map((r) => r.status)).toEqual([
      'FINISHED',
      'KILLED',
      'KILLED',
    ]);
    expect(sweepResults(data(), { [key('a')]: result('a') }, {}).map((r) => r.id)).toEqual(['a']);
  });
});
