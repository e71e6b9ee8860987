import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '@gemlab/core';
import { LocalStoreTracker } from '@gemlab/tracking';
import { describe, expect, it } from 'vitest';
import { gemlab, smallConfig, workspace } from './gemlab-cli.js';

// sweep.batchTrials on the local worker pool: batches go to worker processes whole, and each
// trial still ends as its own run with the numbers of the unbatched sweep.
const sweep = (batch: string, workers: number) =>
  smallConfig(`sweep:
  parameters:
    model.nClusters: [2, 3]
  repeats: 2
  workers: ${workers}
  batchTrials: ${batch}
`);

async function trialRuns(cwd: string): Promise<RunRecord[]> {
  const tracker = new LocalStoreTracker({ store: join(cwd, 'runs') });
  try {
    return (await tracker.searchRuns({ experiment: 'e2e' })).filter((r) => r.tags['gemlab.role'] === 'trial');
  } finally {
    await tracker.close();
  }
}

function epochGeminis(cwd: string, runId: string): number[] {
  const text = readFileSync(join(cwd, 'runs', 'e2e', runId, 'metrics.jsonl'), 'utf8');
  const points = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { key: string; value: number; step: number });
  const byStep = new Map(points.filter((p) => p.key === 'gemini').map((p) => [p.step, p.value]));
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

describe('gemlab sweep with batchTrials on the worker pool', () => {
  it('runs two batches of two on two workers, each trial its own run with the unbatched numbers', async () => {
    const single = workspace({ 'sweep.yaml': sweep('off', 1) });
    const pooled = workspace({ 'sweep.yaml': sweep('auto', 2) });
    const [off, auto] = await Promise.all([
      gemlab(['sweep', 'sweep.yaml', '--json'], { cwd: single }),
      gemlab(['sweep', 'sweep.yaml', '--json'], { cwd: pooled }),
    ]);
    expect(auto.stderr).toBe('');
    expect(off.code).toBe(0);
    expect(auto.code).toBe(0);
    expect(JSON.parse(auto.stdout).trials.map((t: { status: string }) => t.status)).toEqual(Array(4).fill('FINISHED'));
    const reference = new Map((await trialRuns(single)).map((r) => [r.tags['gemlab.trialId'], r]));
    const runs = await trialRuns(pooled);
    expect(runs).toHaveLength(4);
    expect(runs.map((r) => r.tags['gemlab.replicas'])).toEqual(['2', '2', '2', '2']);
    expect(new Set(runs.map((r) => r.tags['gemlab.batch'])).size).toBe(2);
    expect((await trialRuns(single)).every((r) => r.tags['gemlab.replicas'] === undefined)).toBe(true);
    for (const run of runs) {
      const twin = reference.get(run.tags['gemlab.trialId']) as RunRecord;
      expect(run.status).toBe('FINISHED');
      expect(run.params).toEqual(twin.params);
      expect(Math.abs((run.metrics.gemini as number) - (twin.metrics.gemini as number)), run.name).toBeLessThanOrEqual(
        1e-4 * Math.abs(twin.metrics.gemini as number),
      );
      const curve = epochGeminis(pooled, run.runId);
      const twinCurve = epochGeminis(single, twin.runId);
      expect(curve).toHaveLength(5);
      curve.forEach((value, e) => {
        expect(
          Math.abs(value - (twinCurve[e] as number)) / Math.abs(twinCurve[e] as number),
          `${run.name} epoch ${e + 1}`,
        ).toBeLessThan(1e-4);
      });
    }
  });
});
