import { type DatasetMeta, type ParamValue, type RunHandle, type RunStatus, TrackingError } from '@gemlab/core';
import { checkArtifactPath, checkDataset, checkMetric, checkParam, checkTag } from '../../validation/entity-checks.js';
import { MAX_METRICS_PER_BATCH } from '../../validation/limits.js';
import { encodeMetricValue } from '../../validation/metric-value.js';
import { eventLoopTurn } from '../event-loop-turn.js';
import { chunkBatch } from './batch-chunker.js';
import { datasetInput } from './dataset-input.js';
import type { MlflowRestClient } from './rest-client.js';
import type { MlflowDatasetInput, MlflowMetric, MlflowParam, MlflowTag } from './rest-types.js';

export interface MlflowRunHandleOptions {
  /** Buffered writes are sent at most this often by the timer (ms); a full buffer is sent at once. */
  readonly flushIntervalMs: number;
  /** Called when the handle ends, so the tracker stops tracking it. */
  readonly onEnd?: () => void;
  /** What a resumed run already holds: its params (write-once) and metric points (de-duplicated). */
  readonly initial?: {
    readonly params: Readonly<Record<string, string>>;
    readonly points: readonly { readonly key: string; readonly step: number; readonly value: number }[];
  };
}

interface Pending {
  params: MlflowParam[];
  tags: Map<string, string>;
  metrics: MlflowMetric[];
  inputs: MlflowDatasetInput[];
}

function emptyPending(): Pending {
  return { params: [], tags: new Map(), metrics: [], inputs: [] };
}

/**
 * An open MLflow run. Params, tags, metrics and dataset inputs are buffered and sent through
 * log-batch (chunked to MLflow's limits) when 1000 metric points are waiting, when the flush
 * interval has passed (in the background), and on `flush()`/`end()`. A background failure keeps
 * the unsent data for the next attempt and is thrown from the next call.
 */
export class MlflowRunHandle implements RunHandle {
  readonly runId: string;
  private readonly loggedParams = new Map<string, string>();
  private readonly loggedPoints = new Map<string, number>();
  private pending = emptyPending();
  private inFlight: Promise<void> | undefined;
  private backgroundError: unknown;
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = Date.now();
  private ended = false;

  constructor(
    private readonly client: MlflowRestClient,
    runId: string,
    private readonly artifactUri: string,
    private readonly options: MlflowRunHandleOptions,
  ) {
    this.runId = runId;
    for (const [key, value] of Object.entries(options.initial?.params ?? {})) this.loggedParams.set(key, value);
    for (const point of options.initial?.points ?? []) this.loggedPoints.set(`${point.key}\u0000${point.step}`, point.value);
  }

  async logParams(params: Readonly<Record<string, ParamValue>>): Promise<void> {
    this.assertWritable();
    const accepted: MlflowParam[] = [];
    for (const [key, raw] of Object.entries(params)) {
      const value = checkParam(key, raw);
      const previous = this.loggedParams.get(key) ?? accepted.find((p) => p.key === key)?.value;
      if (previous !== undefined && previous !== value) {
        throw new TrackingError(
          `param '${key}' of run ${this.runId} is already '${previous}'; params are write-once (got '${value}')`,
        );
      }
      if (previous === undefined) accepted.push({ key, value });
    }
    for (const param of accepted) this.loggedParams.set(param.key, param.value);
    this.pending.params.push(...accepted);
    this.scheduleFlush();
  }

  async logMetrics(metrics: Readonly<Record<string, number>>, step = 0): Promise<void> {
    this.assertWritable();
    for (const [key, value] of Object.entries(metrics)) checkMetric(key, value, step);
    const timestamp = Date.now();
    for (const [key, value] of Object.entries(metrics)) {
      const point = `${key}\u0000${step}`;
      const previous = this.loggedPoints.get(point);
      if (previous !== undefined && Object.is(previous, value)) continue;
      this.loggedPoints.set(point, value);
      this.pending.metrics.push({ key, value: encodeMetricValue(value), timestamp, step });
    }
    if (this.pending.metrics.length >= MAX_METRICS_PER_BATCH) this.flushInBackground();
    else this.scheduleFlush();
    await eventLoopTurn(); // background sends progress even under a loop that never yields
  }

  async setTags(tags: Readonly<Record<string, string>>): Promise<void> {
    this.assertWritable();
    for (const [key, value] of Object.entries(tags)) checkTag(key, value);
    for (const [key, value] of Object.entries(tags)) this.pending.tags.set(key, value);
    this.scheduleFlush();
  }

  async logDatasetInput(dataset: DatasetMeta & { readonly digest: string }): Promise<void> {
    this.assertWritable();
    checkDataset(dataset.name, dataset.digest);
    this.pending.inputs.push(datasetInput(dataset));
    this.scheduleFlush();
  }

  async logArtifact(path: string, content: string | Uint8Array): Promise<void> {
    this.assertWritable();
    checkArtifactPath(path);
    await this.client.uploadArtifact(this.artifactUri, path, content);
  }

  async flush(): Promise<void> {
    this.assertWritable();
    await this.flushNow();
  }

  /** Ends the run; `endTime` (ms) lets a mirror record the same end time as the local store. */
  async end(status: Exclude<RunStatus, 'RUNNING'>, endTime: number = Date.now()): Promise<void> {
    this.assertWritable();
    await this.flushNow();
    await this.client.updateRun({ run_id: this.runId, status, end_time: endTime });
    this.ended = true;
    this.options.onEnd?.();
  }

  /** True once `end` has succeeded. */
  get hasEnded(): boolean {
    return this.ended;
  }

  private assertWritable(): void {
    if (this.ended) throw new TrackingError(`run ${this.runId} has ended; it accepts no more writes`);
    if (this.backgroundError !== undefined) {
      const error = this.backgroundError;
      this.backgroundError = undefined;
      throw error;
    }
  }

  /** Waits for a background send, then sends everything still buffered. */
  private async flushNow(): Promise<void> {
    this.clearTimer();
    // A background send that finishes may start the next one (a full buffer): wait for all of them.
    while (this.inFlight) await this.inFlight;
    if (this.backgroundError !== undefined) {
      const error = this.backgroundError;
      this.backgroundError = undefined;
      throw error;
    }
    await this.sendPending();
  }

  private scheduleFlush(): void {
    if (this.timer || this.inFlight || this.backgroundError !== undefined || isEmpty(this.pending)) return;
    const delay = Math.max(0, this.lastFlushAt + this.options.flushIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushInBackground();
    }, delay);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushInBackground(): void {
    if (this.inFlight || this.backgroundError !== undefined) return;
    this.clearTimer();
    this.inFlight = this.sendPending()
      .catch((error: unknown) => {
        this.backgroundError = error;
      })
      .finally(() => {
        this.inFlight = undefined;
        if (this.pending.metrics.length >= MAX_METRICS_PER_BATCH) this.flushInBackground();
        else this.scheduleFlush();
      });
  }

  /** Sends the buffer; on failure, puts back what was not confirmed (re-sending is idempotent) and rethrows. */
  private async sendPending(): Promise<void> {
    if (isEmpty(this.pending)) return;
    this.lastFlushAt = Date.now();
    const sending = this.pending;
    this.pending = emptyPending();
    const tags: MlflowTag[] = [...sending.tags].map(([key, value]) => ({ key, value }));
    try {
      if (sending.inputs.length > 0) {
        await this.client.logInputs(this.runId, sending.inputs);
        sending.inputs = [];
      }
      for (const request of chunkBatch(this.runId, { params: sending.params, tags, metrics: sending.metrics })) {
        await this.client.logBatch(request);
        const sent = new Set<unknown>([...(request.params ?? []), ...(request.metrics ?? [])]);
        sending.params = sending.params.filter((p) => !sent.has(p));
        sending.metrics = sending.metrics.filter((m) => !sent.has(m));
        for (const tag of request.tags ?? []) if (sending.tags.get(tag.key) === tag.value) sending.tags.delete(tag.key);
      }
    } catch (error) {
      this.requeue(sending);
      throw error;
    }
  }

  private requeue(unsent: Pending): void {
    const newer = this.pending;
    for (const [key, value] of newer.tags) unsent.tags.set(key, value);
    this.pending = {
      params: [...unsent.params, ...newer.params],
      tags: unsent.tags,
      metrics: [...unsent.metrics, ...newer.metrics],
      inputs: [...unsent.inputs, ...newer.inputs],
    };
  }
}

function isEmpty(pending: Pending): boolean {
  return pending.params.length + pending.tags.size + pending.metrics.length + pending.inputs.length === 0;
}
