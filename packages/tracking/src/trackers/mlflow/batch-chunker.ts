import {
  MAX_BATCH_REQUEST_BYTES,
  MAX_ENTITIES_PER_BATCH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_PER_BATCH,
  MAX_TAGS_PER_BATCH,
} from '../../validation/limits.js';
import type { LogBatchRequest, MlflowMetric, MlflowParam, MlflowTag } from './rest-types.js';

export interface BatchContent {
  readonly params?: readonly MlflowParam[];
  readonly tags?: readonly MlflowTag[];
  readonly metrics?: readonly MlflowMetric[];
}

/** Room kept below the 1 MB limit for the JSON punctuation the estimate does not count exactly. */
const SIZE_MARGIN = 1024;

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Splits what one run has to log into log-batch requests within MLflow's limits: at most 1000
 * metrics, 100 params, 100 tags and 1000 entities in all per request, and at most 1 MB of JSON.
 * Params and tags go first, so a run's hyperparameters land with its first request.
 */
export function chunkBatch(runId: string, content: BatchContent): LogBatchRequest[] {
  const requests: LogBatchRequest[] = [];
  const empty = byteLength({ run_id: runId, metrics: [], params: [], tags: [] });
  let params: MlflowParam[] = [];
  let tags: MlflowTag[] = [];
  let metrics: MlflowMetric[] = [];
  let bytes = empty;

  const close = (): void => {
    if (params.length + tags.length + metrics.length === 0) return;
    requests.push({ run_id: runId, metrics, params, tags });
    params = [];
    tags = [];
    metrics = [];
    bytes = empty;
  };
  const add = <T>(list: () => T[], limit: number, entity: T): void => {
    const size = byteLength(entity) + 1;
    const full =
      list().length >= limit ||
      params.length + tags.length + metrics.length >= MAX_ENTITIES_PER_BATCH ||
      bytes + size > MAX_BATCH_REQUEST_BYTES - SIZE_MARGIN;
    if (full) close();
    list().push(entity);
    bytes += size;
  };

  for (const param of content.params ?? []) add(() => params, MAX_PARAMS_PER_BATCH, param);
  for (const tag of content.tags ?? []) add(() => tags, MAX_TAGS_PER_BATCH, tag);
  for (const metric of content.metrics ?? []) add(() => metrics, MAX_METRICS_PER_BATCH, metric);
  close();
  return requests;
}
