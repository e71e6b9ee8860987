import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@gemlab/core';
import { describe, expect, it } from 'vitest';
import { resolveConfigFile } from '../config/resolve-config.js';
import { expandSweep, repeatSeed } from './expand-sweep.js';
import { parseRange } from './sweep-values.js';

const dir = mkdtempSync(join(tmpdir(), 'gemlab-sweep-'));
function configFile(sweep: string, name = 'sweep.yaml'): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `experiment: expand-test
seed: 5
dataset: { name: blobs, n: 60 }
model: { name: mlp, hidden: [4], nClusters: 2 }
objective: { name: tv, mode: ova }
training: { epochs: 1 }
${sweep}`,
  );
  return path;
}

describe('expandSweep', () => {
  it('takes the grid product, first parameter slowest, times the repeats with derived seeds', async () => {
    const resolved = await resolveConfigFile(
      configFile(`sweep:
  parameters:
    objective.name: [tv, hellinger]
    model.nClusters: range(2, 5)
  repeats: 2`),
    );
    const { trials } = expandSweep(resolved);
    expect(trials).toHaveLength(2 * 3 * 2);
    expect(trials.slice(0, 4).map((t) => t.name)).toEqual(['tv-ova-k2-r0', 'tv-ova-k2-r1', 'tv-ova-k3-r0', 'tv-ova-k3-r1']);
    expect(trials[11]?.name).toBe('hellinger-ova-k4-r1');
    expect(trials[1]?.config.seed).toBe(repeatSeed(5, 1));
    expect(new Set(trials.map((t) => t.id)).size).toBe(12);
    // ids are a function of the trial config only: expanding again gives the same ids
    expect(expandSweep(resolved).trials.map((t) => t.id)).toEqual(trials.map((t) => t.id));
  });

  it('gives a stable sweep id per (experiment, name) and a definition hash that follows the trials', async () => {
    const a = expandSweep(await resolveConfigFile(configFile('sweep: { parameters: { model.nClusters: [2, 3] } }', 'a.yaml')));
    const a2 = expandSweep(
      await resolveConfigFile(configFile('sweep: { parameters: { model.nClusters: [2, 3, 4] } }', 'a.yaml')),
    );
    const b = expandSweep(await resolveConfigFile(configFile('sweep: { parameters: { model.nClusters: [2, 3] } }', 'b.yaml')));
    expect(a.sweepId).toBe(a2.sweepId);
    expect(a.definitionHash).not.toBe(a2.definitionHash);
    expect(a.sweepId).not.toBe(b.sweepId);
    expect(a.trials.map((t) => t.id)).toEqual(b.trials.map((t) => t.id));
  });

  it('draws random points reproducibly within their spaces', async () => {
    const sweep = `sweep:
  strategy: random
  samples: 6
  parameters:
    training.optimizer.learningRate: { logUniform: [0.0001, 0.1] }
    model.nClusters: { int: [2, 6] }
    objective.mode: { choice: [ova, ovo] }`;
    const first = expandSweep(await resolveConfigFile(configFile(sweep)));
    const again = expandSweep(await resolveConfigFile(configFile(sweep)));
    expect(first.trials.map((t) => t.point)).toEqual(again.trials.map((t) => t.point));
    for (const { config } of first.trials) {
      expect(config.training.optimizer.learningRate).toBeGreaterThanOrEqual(0.0001);
      expect(config.training.optimizer.learningRate).toBeLessThanOrEqual(0.1);
      expect([2, 3, 4, 5, 6]).toContain(config.model.nClusters);
      expect(['ova', 'ovo']).toContain(config.objective.mode);
    }
  });

  it('validates every trial before any runs, naming the sweep point', async () => {
    const resolved = await resolveConfigFile(configFile('sweep: { parameters: { model.nClusters: [2, 0] } }'));
    expect(() => expandSweep(resolved)).toThrow(ConfigError);
    expect(() => expandSweep(resolved)).toThrow('model.nClusters: must be >= 1. Got 0 (sweep point {"model.nClusters":0})');
  });
});

describe('range()', () => {
  it('excludes the stop like Python and supports steps', () => {
    expect(parseRange('range(2, 9)', 'k')).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(parseRange('range(0.1, 0.4, 0.1)', 'lr')).toEqual([0.1, 0.2, 0.3]);
    expect(parseRange('range(5, 1, -2)', 'k')).toEqual([5, 3]);
    expect(() => parseRange('range(1, 1)', 'k')).toThrow('sweep.parameters.k: range is empty');
    expect(() => parseRange('range(1, 3, 0)', 'k')).toThrow('non-zero step');
  });
});
