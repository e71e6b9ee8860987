import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type RunFilter, type RunRecord, type StartRunOptions, type Tracker, TrackingError } from '@gemlab/core';
import { systemTags } from '../../run-context/system-tags.js';
import { checkExperimentName, checkRunName, checkTag } from '../../validation/entity-checks.js';
import { decodeMetricValue } from '../../validation/metric-value.js';
import { writeJsonAtomic } from './atomic-write.js';
import { DEFAULT_STORE, EXPERIMENT_FILE, experimentPath, PARAMS_FILE, RUN_FILE, STORE_FORMAT, TAGS_FILE } from './layout.js';
import { LocalRunHandle } from './local-run-handle.js';
import {
  latestValues,
  type RunFile,
  readInputs,
  readJsonFile,
  readMetricPoints,
  readRunFile,
  readStringMap,
} from './store-files.js';

export interface LocalStoreTrackerOptions {
  /** The store folder (default `./gemlab-runs`). */
  readonly store?: string;
}

/** Run ids look like MLflow's: 32 lowercase hex digits. */
function newRunId(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * The embedded default Tracker: plain files under a folder (layout in layout.ts and the
 * package README), readable without gemlab and safe against crashes. Several processes may
 * write different runs of the same store at once.
 */
export class LocalStoreTracker implements Tracker {
  readonly kind = 'local';
  /** The store folder, absolute. */
  readonly location: string;
  private readonly open = new Set<LocalRunHandle>();
  /** Run id → folder, for runs this tracker has seen. */
  private readonly folders = new Map<string, string>();

  constructor(options: LocalStoreTrackerOptions = {}) {
    this.location = resolve(options.store ?? DEFAULT_STORE);
  }

  async startRun(options: StartRunOptions): Promise<LocalRunHandle> {
    checkExperimentName(options.experiment);
    checkRunName(options.name);
    for (const [key, value] of Object.entries(options.tags ?? {})) checkTag(key, value);
    const experimentDir = experimentPath(this.location, options.experiment);
    mkdirSync(experimentDir, { recursive: true });
    if (!readJsonFile(join(experimentDir, EXPERIMENT_FILE))) {
      writeJsonAtomic(join(experimentDir, EXPERIMENT_FILE), {
        format: STORE_FORMAT,
        name: options.experiment,
        createdAt: Date.now(),
      });
    }
    const runId = newRunId();
    const runDir = join(experimentDir, runId);
    mkdirSync(runDir);
    const tags = { ...systemTags(), ...(options.tags ?? {}) };
    writeJsonAtomic(join(runDir, TAGS_FILE), tags);
    const run: RunFile = {
      format: STORE_FORMAT,
      runId,
      name: options.name,
      experiment: options.experiment,
      status: 'RUNNING',
      ...(options.parentRunId !== undefined ? { parentRunId: options.parentRunId } : {}),
      startTime: Date.now(),
    };
    // run.json last: a folder without it is a run whose start never completed, and readers skip it.
    writeJsonAtomic(join(runDir, RUN_FILE), run);
    this.folders.set(runId, runDir);
    return this.track((onEnd) => new LocalRunHandle(runDir, run, tags, onEnd));
  }

  /** Reopens a run of the store (any process may have written it): status back to RUNNING, end time cleared. */
  async resumeRun(runId: string): Promise<LocalRunHandle> {
    const runDir = await this.findRun(runId);
    const stored = readRunFile(runDir)!;
    const { endTime: _endTime, latestMetrics: _latest, ...rest } = stored;
    const run: RunFile = { ...rest, status: 'RUNNING' };
    writeJsonAtomic(join(runDir, RUN_FILE), run);
    const tags = readStringMap(runDir, TAGS_FILE);
    const state = {
      params: readStringMap(runDir, PARAMS_FILE),
      inputs: readInputs(runDir),
      points: await readMetricPoints(runDir),
    };
    return this.track((onEnd) => new LocalRunHandle(runDir, run, tags, onEnd, state));
  }

  /** Marks a run deleted (`deletedAt` in run.json): searches skip it, its files stay, sync deletes the server copy. */
  async deleteRun(runId: string): Promise<void> {
    const runDir = await this.findRun(runId);
    const run = readRunFile(runDir)!;
    writeJsonAtomic(join(runDir, RUN_FILE), { ...run, deletedAt: Date.now() });
  }

  async searchRuns(filter: RunFilter): Promise<RunRecord[]> {
    const experimentDir = experimentPath(this.location, filter.experiment);
    let entries: string[];
    try {
      entries = await readdir(experimentDir);
    } catch {
      return [];
    }
    const records: RunRecord[] = [];
    for (const entry of entries) {
      const record = await readRunRecord(join(experimentDir, entry), filter);
      if (record) records.push(record);
    }
    return records.sort((a, b) => b.startTime - a.startTime || a.runId.localeCompare(b.runId));
  }

  /** Waits for the writes of open runs (they stay RUNNING until their `end`). */
  async close(): Promise<void> {
    await Promise.all([...this.open].map((handle) => handle.flush().catch(() => undefined)));
    this.open.clear();
  }

  /** The folder of a run, for tools that read its files (sync, the runner's reports). */
  runDirectory(experiment: string, runId: string): string {
    return join(experimentPath(this.location, experiment), runId);
  }

  /** The folder of a live (not deleted) run, looked up in every experiment of the store. */
  async findRun(runId: string): Promise<string> {
    const known = this.folders.get(runId);
    const candidates = known ? [known] : [];
    if (!known && /^[\w-]+$/.test(runId)) {
      const experiments = await readdir(this.location).catch(() => [] as string[]);
      candidates.push(...experiments.map((folder) => join(this.location, folder, runId)));
    }
    for (const runDir of candidates) {
      const run = readRunFile(runDir);
      if (run?.runId === runId && run.deletedAt === undefined) {
        this.folders.set(runId, runDir);
        return runDir;
      }
    }
    throw new TrackingError(`run ${runId} is not in the local store ${this.location} (or it was deleted)`);
  }

  /** Keeps a handle in the open set until its `end`, so `close` can wait for its writes. */
  private track(create: (onEnd: () => void) => LocalRunHandle): LocalRunHandle {
    const handle = create(() => this.open.delete(handle));
    this.open.add(handle);
    return handle;
  }
}

/** A run folder as a RunRecord when it matches the filter; undefined for other runs and non-run entries. */
export async function readRunRecord(runDir: string, filter?: RunFilter): Promise<RunRecord | undefined> {
  const run = readRunFile(runDir);
  if (!run || typeof run.runId !== 'string' || run.deletedAt !== undefined) return undefined;
  if (filter?.parentRunId !== undefined && run.parentRunId !== filter.parentRunId) return undefined;
  const tags = readStringMap(runDir, TAGS_FILE);
  if (!Object.entries(filter?.tags ?? {}).every(([key, value]) => tags[key] === value)) return undefined;
  const metrics = run.latestMetrics
    ? Object.fromEntries(Object.entries(run.latestMetrics).map(([key, value]) => [key, decodeMetricValue(value)]))
    : latestValues(await readMetricPoints(runDir));
  return {
    runId: run.runId,
    name: run.name,
    experiment: run.experiment,
    status: run.status,
    ...(run.parentRunId !== undefined ? { parentRunId: run.parentRunId } : {}),
    startTime: run.startTime,
    ...(run.endTime !== undefined ? { endTime: run.endTime } : {}),
    params: readStringMap(runDir, PARAMS_FILE),
    tags,
    metrics,
  };
}
