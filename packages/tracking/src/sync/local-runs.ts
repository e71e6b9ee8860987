import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXPERIMENT_FILE } from '../trackers/local-store/layout.js';
import { type RunFile, readJsonFile, readRunFile } from '../trackers/local-store/store-files.js';

export interface StoredRun {
  readonly dir: string;
  readonly run: RunFile;
}

/** Every run of a store (optionally of one experiment), parents before their children, then by start time. */
export async function listStoredRuns(store: string, experiment?: string): Promise<StoredRun[]> {
  const runs: StoredRun[] = [];
  let experimentDirs: string[];
  try {
    experimentDirs = await readdir(store);
  } catch {
    return [];
  }
  for (const folder of experimentDirs) {
    const experimentDir = join(store, folder);
    const meta = readJsonFile<{ name?: string }>(join(experimentDir, EXPERIMENT_FILE));
    if (typeof meta?.name !== 'string' || (experiment !== undefined && meta.name !== experiment)) continue;
    for (const entry of await readdir(experimentDir)) {
      const run = readRunFile(join(experimentDir, entry));
      if (run && typeof run.runId === 'string') runs.push({ dir: join(experimentDir, entry), run });
    }
  }
  return parentsFirst(runs);
}

function parentsFirst(runs: StoredRun[]): StoredRun[] {
  const byId = new Map(runs.map((stored) => [stored.run.runId, stored]));
  const depth = (stored: StoredRun, seen = new Set<string>()): number => {
    const parent = stored.run.parentRunId === undefined ? undefined : byId.get(stored.run.parentRunId);
    if (!parent || seen.has(stored.run.runId)) return 0;
    seen.add(stored.run.runId);
    return 1 + depth(parent, seen);
  };
  return runs
    .map((stored) => ({ stored, depth: depth(stored) }))
    .sort((a, b) => a.depth - b.depth || a.stored.run.startTime - b.stored.run.startTime)
    .map(({ stored }) => stored);
}
