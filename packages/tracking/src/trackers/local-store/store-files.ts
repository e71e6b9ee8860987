import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStatus } from '@gemlab/core';
import { decodeMetricValue, type EncodedMetricValue } from '../../validation/metric-value.js';
import {
  ARTIFACTS_DIR,
  INPUTS_FILE,
  METRICS_FILE,
  type PARAMS_FILE,
  RUN_FILE,
  SYNC_FILE,
  type TAGS_FILE,
  TEMP_MARKER,
} from './layout.js';

/** run.json. */
export interface RunFile {
  readonly format: string;
  readonly runId: string;
  readonly name: string;
  readonly experiment: string;
  readonly status: RunStatus;
  readonly parentRunId?: string;
  readonly startTime: number;
  readonly endTime?: number;
  /** Written at `end`: the latest value of each metric, so finished runs read fast. */
  readonly latestMetrics?: Record<string, EncodedMetricValue>;
  /** Set by `deleteRun`: searches skip the run, sync deletes the server's copy; the files stay for inspection. */
  readonly deletedAt?: number;
}

/** One line of metrics.jsonl. */
export interface MetricLine {
  readonly key: string;
  readonly value: EncodedMetricValue;
  readonly step: number;
  readonly timestamp: number;
}

export interface MetricPoint {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
}

/** One entry of inputs.json. */
export interface InputEntry {
  readonly name: string;
  readonly digest: string;
  readonly n: number;
  readonly features: number;
  readonly classes?: number;
  readonly source: string;
  readonly context: string;
}

/** One entry of sync.json, per MLflow server. */
export interface SyncEntry {
  readonly mlflowRunId?: string;
  /** True once everything of the finished run is known to be on that server. */
  readonly complete: boolean;
  readonly updatedAt: number;
}

export type SyncFile = Record<string, SyncEntry>;

/**
 * Reads a small JSON file of the store; undefined when it is missing or unreadable (a store must
 * stay readable after a crash). Synchronous, like the writes (see atomic-write.ts).
 */
export function readJsonFile<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function readRunFile(runDir: string): RunFile | undefined {
  return readJsonFile<RunFile>(join(runDir, RUN_FILE));
}

export function readStringMap(runDir: string, file: typeof PARAMS_FILE | typeof TAGS_FILE): Record<string, string> {
  return readJsonFile<Record<string, string>>(join(runDir, file)) ?? {};
}

export function readInputs(runDir: string): InputEntry[] {
  return readJsonFile<InputEntry[]>(join(runDir, INPUTS_FILE)) ?? [];
}

export function readSyncFile(runDir: string): SyncFile {
  return readJsonFile<SyncFile>(join(runDir, SYNC_FILE)) ?? {};
}

function parseMetricLine(line: string): MetricPoint | undefined {
  try {
    const parsed = JSON.parse(line) as Partial<MetricLine>;
    if (typeof parsed.key !== 'string' || typeof parsed.step !== 'number') return undefined;
    return {
      key: parsed.key,
      value: decodeMetricValue(parsed.value),
      step: parsed.step,
      timestamp: Number(parsed.timestamp) || 0,
    };
  } catch {
    return undefined;
  }
}

/**
 * Every metric point of a run, de-duplicated by (key, step) (the last one logged wins), in
 * logging order. Unparseable lines (a torn last line after a crash) are skipped.
 */
export async function readMetricPoints(runDir: string): Promise<MetricPoint[]> {
  let text: string;
  try {
    text = await readFile(join(runDir, METRICS_FILE), 'utf8');
  } catch {
    return [];
  }
  const points = new Map<string, MetricPoint>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const point = parseMetricLine(line);
    if (!point) continue;
    const id = `${point.key}\u0000${point.step}`;
    points.delete(id);
    points.set(id, point);
  }
  return [...points.values()];
}

/** The latest value of each metric: highest step, and among equal steps the one logged last. */
export function latestValues(points: readonly MetricPoint[]): Record<string, number> {
  const latest = new Map<string, MetricPoint>();
  for (const point of points) {
    const current = latest.get(point.key);
    if (!current || point.step >= current.step) latest.set(point.key, point);
  }
  return Object.fromEntries([...latest].map(([key, point]) => [key, point.value]));
}

export interface ArtifactFile {
  /** '/'-separated, relative to the run's artifacts folder. */
  readonly path: string;
  readonly size: number;
}

/** Every artifact file of a run (temp files of interrupted writes are skipped). */
export async function listArtifactFiles(runDir: string): Promise<ArtifactFile[]> {
  const root = join(runDir, ARTIFACTS_DIR);
  const files: ArtifactFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !entry.name.includes(TEMP_MARKER)) {
        files.push({ path, size: (await stat(join(root, path))).size });
      }
    }
  };
  await walk('');
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
