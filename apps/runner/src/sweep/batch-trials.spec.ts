import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRecord } from '@gemlab/core';
import { LocalStoreTracker } from '@gemlab/tracking';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../config/resolve-config.js';
import type { TrialSpec } from '../trial/trial-spec.js';
import { groupTrials } from './batch-trials.js';
import { expandSweep } from './expand-sweep.js';
import { runSweep } from './run-sweep.js';

/** A config file in a fresh folder, its run store in that folder too. */
function configFile(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-batch-'));
  const path = join(dir, 'sweep.yaml');
  writeFileSync(path, body.replace('store: ./runs', `store: ${JSON.stringify(join(dir, 'runs'))}`));
  return path;
}

const BASE = `experiment: batch-test
seed: 3
backend: wasm
dataset: { name: blobs, n: 120, centers: 3, std: 0.8 }
model: { name: mlp, hidden: [6], activation: tanh, nClusters: 3 }
objective: { name: tv, mode: ova }
training: { epochs: 4, batchSize: 40, optimizer: { learningRate: 0.01 } }
tracking: { store: ./runs }
`;

async function groups(sweep: string, workers = 1, base = BASE): Promise<string[][]> {
  const resolved = await resolveConfigFile(configFile(`${base}${sweep}`));
  const { trials } = expandSweep(resolved);
  const setting = resolved.config.sweep?.batchTrials ?? 'off';
  return groupTrials(trials, setting, { workers, registry: resolved.registry, baseDir: resolved.baseDir }).map((unit) =>
    unit.map((t: TrialSpec) => t.name),
  );
}

describe('groupTrials', () => {
  it('batches trials that differ in seed, K, learning rate and objective scalars; splits by workers and cap', async () => {
    const sweep = (batch: string) => `sweep:
  parameters:
    model.nClusters: [2, 3]
    training.optimizer.learningRate: [0.01, 0.02]
    objective.epsilon: [1e-12, 1e-6]
  repeats: 2
  batchTrials: ${batch}
`;
    const all = await groups(sweep('auto'));
    expect(all).toHaveLength(1);
    expect(all[0]).toHaveLength(16);
    expect((await groups(sweep('auto'), 2)).map((u) => u.length)).toEqual([8, 8]);
    expect((await groups(sweep('5'))).map((u) => u.length)).toEqual([4, 4, 4, 4]); // 16 at most 5 a batch: 4 even ones
    expect((await groups(sweep('off'))).map((u) => u.length)).toEqual(Array.from({ length: 16 }, () => 1));
    expect((await groups(sweep('1'))).every((u) => u.length === 1)).toBe(true);
  });

  it('keeps apart what one program cannot vary, and runs unbatchable models one by one', async () => {
    const byObjective = await groups(`sweep:
  parameters:
    objective: [{ name: tv, mode: ova }, { name: tv, mode: ovo }, { name: kl, mode: ova }]
    training.epochs: [3, 4]
  repeats: 2
  batchTrials: auto
`);
    expect(byObjective.map((u) => u.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(byObjective[0]).toEqual(['tv-ova-k3-r0', 'tv-ova-k3-r1']);
    const dropout = await groups(
      `sweep:\n  parameters:\n    model.nClusters: [2, 3]\n  batchTrials: auto\n`,
      1,
      BASE.replace('activation: tanh,', 'activation: tanh, dropout: 0.2,'),
    );
    expect(dropout).toEqual([['tv-ova-k2-r0'], ['tv-ova-k3-r0']]);
    const vat = await groups(
      `sweep:\n  parameters:\n    model.nClusters: [2, 3]\n  batchTrials: auto\n`,
      1,
      BASE.replace('optimizer: { learningRate: 0.01 } }', 'optimizer: { learningRate: 0.01 }, vat: {} }'),
    );
    expect(vat.every((u) => u.length === 1)).toBe(true);
  });
});

async function stored(store: string): Promise<RunRecord[]> {
  const tracker = new LocalStoreTracker({ store });
  try {
    return (await tracker.searchRuns({ experiment: 'batch-test' })).filter((r) => r.tags['gemlab.role'] === 'trial');
  } finally {
    await tracker.close();
  }
}

/** The per-epoch GEMINI a trial's run holds, from the store's metrics file. */
function epochGeminis(store: string, runId: string): number[] {
  const lines = readFileSync(join(store, 'batch-test', runId, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const points = lines.map((line) => JSON.parse(line) as { key: string; value: number; step: number });
  return points
    .filter((p) => p.key === 'gemini')
    .sort((a, b) => a.step - b.step)
    .map((p) => p.value)
    .slice(0, 4); // steps 1–4 (the final metrics repeat the last epoch's value at step 4)
}

async function sweepInto(batch: string) {
  const path = configFile(`${BASE}sweep:
  parameters:
    model.nClusters: [2, 3]
  repeats: 2
  batchTrials: ${batch}
`);
  const resolved = await resolveConfigFile(path);
  const store = join(resolved.baseDir, 'runs');
  const started: string[] = [];
  const outcome = await runSweep(resolved, { hooks: { onTrialStart: (t) => void started.push(t.name) } });
  return { path, store, outcome, started, runs: await stored(store) };
}

function byTrial(runs: readonly RunRecord[]): Map<string, RunRecord> {
  return new Map(runs.map((r) => [r.tags['gemlab.trialId'] as string, r]));
}

describe('sweeps with batchTrials', () => {
  it('track each batched trial as its own run, with the numbers of the unbatched sweep; resume reruns only what is missing', async () => {
    const off = await sweepInto('off');
    const auto = await sweepInto('auto');
    expect(auto.outcome.results.map((r) => r.status)).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
    expect(auto.runs).toHaveLength(4);
    expect(auto.runs.map((r) => r.tags['gemlab.replicas'])).toEqual(['4', '4', '4', '4']);
    const reference = byTrial(off.runs);
    for (const run of auto.runs) {
      const id = run.tags['gemlab.trialId'] as string;
      const twin = reference.get(id) as RunRecord;
      expect(twin, `trial ${id} exists unbatched`).toBeDefined();
      expect(run.status).toBe('FINISHED');
      expect(run.params).toEqual(twin.params);
      expect(run.metrics.epochs).toBe(4);
      for (const key of ['gemini', 'ari', 'nmi', 'used_clusters']) {
        expect(Math.abs((run.metrics[key] as number) - (twin.metrics[key] as number)), `${run.name} ${key}`).toBeLessThanOrEqual(
          1e-4 * Math.max(1, Math.abs(twin.metrics[key] as number)),
        );
      }
      const curve = epochGeminis(auto.store, run.runId);
      const twinCurve = epochGeminis(off.store, twin.runId);
      expect(curve).toHaveLength(4);
      curve.forEach((value, e) => {
        expect(
          Math.abs(value - (twinCurve[e] as number)) / Math.abs(twinCurve[e] as number),
          `${run.name} epoch ${e + 1}`,
        ).toBeLessThan(1e-4);
      });
      for (const artifact of ['config.yaml', 'predictions.csv', 'model/model.json', 'figures']) {
        expect(() => readFileSync(join(auto.store, 'batch-test', run.runId, 'artifacts', artifact)), artifact).not.toThrow(
          /ENOENT/,
        );
      }
    }

    // One member fails after the fact: a resume runs that trial alone and skips the other three.
    const victim = auto.runs.find((r) => r.name === 'tv-ova-k3-r1') as RunRecord;
    const tracker = new LocalStoreTracker({ store: auto.store });
    const handle = await tracker.resumeRun(victim.runId);
    await handle.end('FAILED');
    await tracker.close();
    const resolved = await resolveConfigFile(auto.path);
    const started: string[] = [];
    const resumed = await runSweep(resolved, { resume: true, hooks: { onTrialStart: (t) => void started.push(t.name) } });
    expect(started).toEqual(['tv-ova-k3-r1']);
    expect(resumed.results.filter((r) => r.skipped).map((r) => r.name)).toEqual(['tv-ova-k2-r0', 'tv-ova-k2-r1', 'tv-ova-k3-r0']);
    const rerun = resumed.results.find((r) => r.name === 'tv-ova-k3-r1');
    expect(rerun?.status).toBe('FINISHED');
    expect(Math.abs((rerun?.metrics.gemini as number) - (victim.metrics.gemini as number))).toBeLessThanOrEqual(1e-4);
    expect((await stored(auto.store)).filter((r) => r.status === 'FINISHED')).toHaveLength(4);
  });
});
