import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { RunRecord } from '@gemlab/core';
import { LocalStoreTracker } from '@gemlab/tracking';
import { describe, expect, it } from 'vitest';
import { GEMLAB_BIN, gemlab, smallConfig, workspace } from './gemlab-cli.js';

const sweep = (workers: number, epochs = 5) =>
  smallConfig(`sweep:
  parameters:
    objective: [{ name: mmd, mode: ova }, { name: tv, mode: ova }]
    model.nClusters: [2, 3, 4]
  repeats: 2
  workers: ${workers}
`).replace('epochs: 5', `epochs: ${epochs}`);

async function storedRuns(cwd: string): Promise<RunRecord[]> {
  const tracker = new LocalStoreTracker({ store: join(cwd, 'runs') });
  try {
    return await tracker.searchRuns({ experiment: 'e2e' });
  } finally {
    await tracker.close();
  }
}

function trialsOf(runs: readonly RunRecord[]) {
  const trials = runs.filter((r) => r.tags['gemlab.role'] === 'trial');
  return { trials, ids: trials.map((r) => r.tags['gemlab.trialId']) };
}

describe('gemlab sweep with the local store', () => {
  it('runs every trial once under one parent, with the same param keys, and skips them all when run again', async () => {
    const cwd = workspace({ 'sweep.yaml': sweep(2) });
    const first = await gemlab(['sweep', 'sweep.yaml', '--json'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const outcome = JSON.parse(first.stdout);
    expect(outcome.trials).toHaveLength(12);
    expect(outcome.trials.every((t: { status: string }) => t.status === 'FINISHED')).toBe(true);
    // 2 objectives × 3 K: one report row each, with the 2 repeats aggregated
    expect(outcome.report).toHaveLength(6);
    expect(outcome.report.every((row: { finished: number }) => row.finished === 2)).toBe(true);
    expect(outcome.recommendations.map((r: { objective: string }) => r.objective).sort()).toEqual(['mmd-ova(linear)', 'tv-ova']);

    const runs = await storedRuns(cwd);
    const parent = runs.find((r) => r.tags['gemlab.role'] === 'sweep');
    const { trials, ids } = trialsOf(runs);
    expect(parent?.status).toBe('FINISHED');
    expect(trials).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(trials.every((t) => t.parentRunId === parent?.runId && t.status === 'FINISHED')).toBe(true);
    const keys = trials.map((t) => Object.keys(t.params).sort().join(','));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toContain('objective.kernel.name'); // mmd's kernel is logged as 'none' on tv trials
    for (const t of trials) {
      expect(t.metrics.ari).toBeGreaterThanOrEqual(-1);
      expect(t.metrics.used_clusters).toBeLessThanOrEqual(Number(t.params['model.nClusters']));
    }

    const report = await gemlab(['report', 'sweep.yaml', '--json'], { cwd });
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      trials: 12,
      report: outcome.report,
      recommendations: outcome.recommendations,
    });

    const second = await gemlab(['sweep', 'sweep.yaml', '--json'], { cwd });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).trials.every((t: { skipped: boolean }) => t.skipped)).toBe(true);
    expect(trialsOf(await storedRuns(cwd)).trials).toHaveLength(12);
  });

  it('refuses to resume a changed sweep unless --force, and --resume of an unknown sweep', async () => {
    const cwd = workspace({ 'sweep.yaml': sweep(1).replace('repeats: 2', 'repeats: 1').replace('[2, 3, 4]', '[2]') });
    expect((await gemlab(['sweep', 'sweep.yaml', '--resume'], { cwd })).stderr).toMatch(
      /^gemlab: GEMLAB_SWEEP_NOT_FOUND: no sweep 'sweep' to resume/,
    );
    expect((await gemlab(['report', 'sweep.yaml'], { cwd })).stderr).toMatch(/^gemlab: GEMLAB_SWEEP_NOT_FOUND: /);
    expect((await gemlab(['sweep', 'sweep.yaml'], { cwd })).code).toBe(0);
    const changed = await gemlab(['sweep', 'sweep.yaml', '--set', 'training.epochs=6'], { cwd });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/GEMLAB_SWEEP_CHANGED: sweep 'sweep' already exists in the store with a different definition/);
    const forced = await gemlab(['sweep', 'sweep.yaml', '--set', 'training.epochs=6', '--force', '--json'], { cwd });
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).trials.map((t: { skipped: boolean }) => t.skipped)).toEqual([false, false]);
  });

  it('finishes a sweep killed with SIGKILL mid-way, with every trial exactly once, FINISHED', async () => {
    const cwd = workspace({ 'sweep.yaml': sweep(1, 40) });
    const child = spawn(process.execPath, [GEMLAB_BIN, 'sweep', 'sweep.yaml'], {
      cwd,
      env: { ...process.env, GEMLAB_BACKEND: 'cpu', MLFLOW_TRACKING_URI: undefined },
      stdio: 'ignore',
    });
    // Kill once at least two trials are finished and a third is running.
    for (let waited = 0; ; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { trials } = trialsOf(await storedRuns(cwd).catch(() => []));
      if (trials.filter((t) => t.status === 'FINISHED').length >= 2 && trials.some((t) => t.status === 'RUNNING')) break;
      if (waited > 180_000) throw new Error('the sweep never got two trials done');
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const killed = trialsOf(await storedRuns(cwd)).trials;
    expect(killed.some((t) => t.status === 'RUNNING')).toBe(true);
    expect(killed.length).toBeLessThan(12);

    const resumed = await gemlab(['sweep', 'sweep.yaml', '--resume', '--json'], { cwd });
    expect(resumed.code).toBe(0);
    const outcome = JSON.parse(resumed.stdout);
    expect(outcome.trials.filter((t: { skipped: boolean }) => t.skipped).length).toBeGreaterThanOrEqual(2);
    const { trials, ids } = trialsOf(await storedRuns(cwd));
    expect(trials).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(trials.every((t) => t.status === 'FINISHED')).toBe(true);
    const parents = (await storedRuns(cwd)).filter((r) => r.tags['gemlab.role'] === 'sweep');
    expect(parents.map((p) => p.status)).toEqual(['FINISHED']);
  });
});
