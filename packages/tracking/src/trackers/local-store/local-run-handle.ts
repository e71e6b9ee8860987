import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type DatasetMeta, type ParamValue, type RunHandle, type RunStatus, TrackingError } from '@gemlab/core';
import { checkArtifactPath, checkDataset, checkMetric, checkParam, checkTag } from '../../validation/entity-checks.js';
import { encodeMetricValue } from '../../validation/metric-value.js';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';
import { ARTIFACTS_DIR, INPUTS_FILE, METRICS_FILE, PARAMS_FILE, RUN_FILE, TAGS_FILE } from './layout.js';
import type { InputEntry, MetricLine, MetricPoint, RunFile } from './store-files.js';

/** What a resumed run already holds, so write-once params and (key, step) de-duplication still apply. */
export interface LocalRunState {
  readonly params?: Readonly<Record<string, string>>;
  readonly inputs?: readonly InputEntry[];
  readonly points?: readonly MetricPoint[];
}

/**
 * An open run of the local store. Every call is written through before it resolves (metrics
 * appended to metrics.jsonl, JSON files replaced atomically), so a killed process loses nothing
 * it was told was logged. Calls are applied in the order they were made.
 */
export class LocalRunHandle implements RunHandle {
  readonly runId: string;
  private readonly params = new Map<string, string>();
  private readonly tags: Map<string, string>;
  private readonly inputs: InputEntry[] = [];
  private readonly points = new Map<string, number>();
  private readonly latest = new Map<string, { step: number; value: number }>();
  /** metrics.jsonl, opened for appending on the first point. */
  private metricsFd: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private ended = false;

  constructor(
    readonly runDir: string,
    private run: RunFile,
    tags: Readonly<Record<string, string>>,
    private readonly onEnd?: () => void,
    state: LocalRunState = {},
  ) {
    this.runId = run.runId;
    this.tags = new Map(Object.entries(tags));
    for (const [key, value] of Object.entries(state.params ?? {})) this.params.set(key, value);
    this.inputs.push(...(state.inputs ?? []));
    for (const point of state.points ?? []) this.remember(point.key, point.step, point.value);
  }

  get startTime(): number {
    return this.run.startTime;
  }

  /** Set once `end` has written it. */
  get endTime(): number | undefined {
    return this.run.endTime;
  }

  logParams(params: Readonly<Record<string, ParamValue>>): Promise<void> {
    return this.serial(async () => {
      const accepted = new Map<string, string>();
      for (const [key, raw] of Object.entries(params)) {
        const value = checkParam(key, raw);
        const previous = this.params.get(key) ?? accepted.get(key);
        if (previous !== undefined && previous !== value) {
          throw new TrackingError(
            `param '${key}' of run ${this.runId} is already '${previous}'; params are write-once (got '${value}')`,
          );
        }
        accepted.set(key, value);
      }
      if ([...accepted.keys()].every((key) => this.params.has(key))) return;
      const next = new Map([...this.params, ...accepted]);
      writeJsonAtomic(join(this.runDir, PARAMS_FILE), Object.fromEntries(next));
      for (const [key, value] of accepted) this.params.set(key, value);
    });
  }

  logMetrics(metrics: Readonly<Record<string, number>>, step = 0): Promise<void> {
    return this.serial(async () => {
      for (const [key, value] of Object.entries(metrics)) checkMetric(key, value, step);
      const timestamp = Date.now();
      let lines = '';
      for (const [key, value] of Object.entries(metrics)) {
        const id = `${key}\u0000${step}`;
        const previous = this.points.get(id);
        if (previous !== undefined && Object.is(previous, value)) continue;
        this.remember(key, step, value);
        const line: MetricLine = { key, value: encodeMetricValue(value), step, timestamp };
        lines += `${JSON.stringify(line)}\n`;
      }
      if (lines === '') return;
      // A synchronous append: a few microseconds into the page cache, where a thread-pool round
      // trip per epoch would cost far more on a busy machine; still written before the call resolves.
      this.metricsFd ??= openSync(join(this.runDir, METRICS_FILE), 'a');
      writeSync(this.metricsFd, lines);
    });
  }

  setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    return this.serial(async () => {
      for (const [key, value] of Object.entries(tags)) checkTag(key, value);
      const next = new Map([...this.tags, ...Object.entries(tags)]);
      writeJsonAtomic(join(this.runDir, TAGS_FILE), Object.fromEntries(next));
      for (const [key, value] of Object.entries(tags)) this.tags.set(key, value);
    });
  }

  logDatasetInput(dataset: DatasetMeta & { readonly digest: string }): Promise<void> {
    return this.serial(async () => {
      checkDataset(dataset.name, dataset.digest);
      if (this.inputs.some((input) => input.name === dataset.name && input.digest === dataset.digest)) return;
      const entry: InputEntry = {
        name: dataset.name,
        digest: dataset.digest,
        n: dataset.n,
        features: dataset.features,
        ...(dataset.classes !== undefined ? { classes: dataset.classes } : {}),
        source: dataset.source,
        context: 'training',
      };
      writeJsonAtomic(join(this.runDir, INPUTS_FILE), [...this.inputs, entry]);
      this.inputs.push(entry);
    });
  }

  logArtifact(path: string, content: string | Uint8Array): Promise<void> {
    return this.serial(async () => {
      checkArtifactPath(path);
      writeFileAtomic(join(this.runDir, ARTIFACTS_DIR, ...path.split('/')), content);
    });
  }

  flush(): Promise<void> {
    // Every call is already written through; flushing only waits for calls still in progress.
    return this.serial(async () => {});
  }

  end(status: Exclude<RunStatus, 'RUNNING'>): Promise<void> {
    return this.serial(async () => {
      if (this.metricsFd !== undefined) closeSync(this.metricsFd);
      this.metricsFd = undefined;
      const latestMetrics = Object.fromEntries([...this.latest].map(([key, point]) => [key, encodeMetricValue(point.value)]));
      const finished: RunFile = { ...this.run, status, endTime: Date.now(), latestMetrics };
      writeJsonAtomic(join(this.runDir, RUN_FILE), finished);
      this.run = finished;
      this.ended = true;
      this.onEnd?.();
    });
  }

  private remember(key: string, step: number, value: number): void {
    this.points.set(`${key}\u0000${step}`, value);
    const current = this.latest.get(key);
    if (!current || step >= current.step) this.latest.set(key, { step, value });
  }

  /** Runs `operation` after every earlier call, rejecting once the run has ended. */
  private serial(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => {
      if (this.ended) throw new TrackingError(`run ${this.runId} has ended; it accepts no more writes`);
      return operation();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
