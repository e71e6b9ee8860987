import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrackingError } from '@gemlab/core';
import { LOCAL_RUN_ID_TAG, SYSTEM_TAG } from '../run-context/system-tags.js';
import { ARTIFACTS_DIR, PARAMS_FILE, TAGS_FILE } from '../trackers/local-store/layout.js';
import {
  type ArtifactFile,
  listArtifactFiles,
  readInputs,
  readMetricPoints,
  readStringMap,
  readSyncFile,
} from '../trackers/local-store/store-files.js';
import { recordSyncState } from '../trackers/local-store/sync-state.js';
import { chunkBatch } from '../trackers/mlflow/batch-chunker.js';
import { datasetInput } from '../trackers/mlflow/dataset-input.js';
import type { MlflowRestClient } from '../trackers/mlflow/rest-client.js';
import type { MlflowMetric, MlflowRun } from '../trackers/mlflow/rest-types.js';
import { int64 } from '../trackers/mlflow/run-record.js';
import { encodeMetricValue } from '../validation/metric-value.js';
import type { StoredRun } from './local-runs.js';

export type SyncOutcome = 'created' | 'completed' | 'skipped' | 'deleted';

/** Tags the server sets at creation and will not change afterwards. */
const IMMUTABLE_TAGS = new Set<string>([SYSTEM_TAG.user]);

export interface SyncContext {
  readonly client: MlflowRestClient;
  readonly experimentId: string;
  /** Local run id → MLflow run id, for runs synced before (parents come first). */
  readonly mlflowIds: Map<string, string>;
}

/** The server's copy of a local run: the one sync.json names, else the one tagged with its local id. */
async function findServerRun(stored: StoredRun, context: SyncContext): Promise<MlflowRun | undefined> {
  const entry = readSyncFile(stored.dir)[context.client.uri];
  if (entry?.mlflowRunId) {
    const run = await context.client.getRun(entry.mlflowRunId);
    if (run && run.info.lifecycle_stage !== 'deleted') return run;
  }
  const [found] = await context.client.searchRuns({
    experiment_ids: [context.experimentId],
    filter: `tags."${LOCAL_RUN_ID_TAG}" = '${stored.run.runId}'`,
    run_view_type: 'ACTIVE_ONLY',
    max_results: 1,
  });
  return found;
}

function isFinal(stored: StoredRun, server: MlflowRun): boolean {
  return (
    stored.run.status !== 'RUNNING' &&
    server.info.status === stored.run.status &&
    int64(server.info.end_time) === stored.run.endTime
  );
}

/** Server artifacts under `path`, recursively, as path → size. */
async function serverArtifacts(client: MlflowRestClient, runId: string, path?: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const file of await client.listArtifacts(runId, path)) {
    if (file.is_dir) for (const [p, size] of await serverArtifacts(client, runId, file.path)) files.set(p, size);
    else files.set(file.path, int64(file.file_size) ?? -1);
  }
  return files;
}

/**
 * Makes the server's copy of one local run complete: creates it when missing (with its local
 * start time, tags, and the parent's MLflow id), then sends only what the server lacks — params,
 * changed tags, metric points by (key, step) with their original timestamps, dataset inputs and
 * artifacts — and sets the final status and end time.
 */
export async function syncRun(stored: StoredRun, context: SyncContext): Promise<SyncOutcome> {
  const { client } = context;
  const { run } = stored;
  if (run.deletedAt !== undefined) return deleteOnServer(stored, context);
  const parentId = run.parentRunId === undefined ? undefined : context.mlflowIds.get(run.parentRunId);
  let server = await findServerRun(stored, context);
  const syncEntry = readSyncFile(stored.dir)[client.uri];
  if (server && syncEntry?.complete && isFinal(stored, server)) {
    context.mlflowIds.set(run.runId, server.info.run_id);
    return 'skipped';
  }

  const params = readStringMap(stored.dir, PARAMS_FILE);
  const tags = readStringMap(stored.dir, TAGS_FILE);
  const created = server === undefined;
  if (!server) {
    const createTags: Record<string, string> = { ...tags, [LOCAL_RUN_ID_TAG]: run.runId };
    delete createTags[SYSTEM_TAG.runName];
    if (parentId !== undefined) createTags[SYSTEM_TAG.parentRunId] = parentId;
    server = await client.createRun({
      experiment_id: context.experimentId,
      run_name: run.name,
      start_time: run.startTime,
      tags: Object.entries(createTags).map(([key, value]) => ({ key, value })),
    });
  }
  const runId = server.info.run_id;
  let sent = false;

  // Params, tags and metric points the server lacks, in log-batch requests within the limits.
  const serverParams = new Map((server.data?.params ?? []).map((p) => [p.key, p.value]));
  const missingParams = Object.entries(params)
    .filter(([key, value]) => {
      const existing = serverParams.get(key);
      if (existing !== undefined && existing !== value) {
        throw new TrackingError(
          `sync: param '${key}' of run ${run.runId} is '${value}' locally but '${existing}' on ${client.uri}`,
        );
      }
      return existing === undefined;
    })
    .map(([key, value]) => ({ key, value }));
  const serverTags = new Map((server.data?.tags ?? []).map((t) => [t.key, t.value]));
  const wantedTags: Record<string, string> = { ...tags };
  if (parentId !== undefined) wantedTags[SYSTEM_TAG.parentRunId] = parentId;
  const missingTags = Object.entries(wantedTags)
    .filter(([key, value]) => serverTags.get(key) !== value && !(IMMUTABLE_TAGS.has(key) && serverTags.has(key)))
    .filter(([key]) => key !== SYSTEM_TAG.runName)
    .map(([key, value]) => ({ key, value }));
  const missingMetrics = await missingMetricPoints(stored, client, created ? undefined : runId);
  const requests = chunkBatch(runId, { params: missingParams, tags: missingTags, metrics: missingMetrics });
  for (const request of requests) await client.logBatch(request);
  sent ||= requests.length > 0;

  // Dataset inputs.
  const serverDigests = new Set((server.inputs?.dataset_inputs ?? []).map((i) => `${i.dataset.name}\u0000${i.dataset.digest}`));
  const missingInputs = readInputs(stored.dir).filter((i) => !serverDigests.has(`${i.name}\u0000${i.digest}`));
  if (missingInputs.length > 0) {
    await client.logInputs(
      runId,
      missingInputs.map((input) => datasetInput(input, input.context)),
    );
    sent = true;
  }

  // Artifacts missing on the server, or of another size.
  const localFiles = await listArtifactFiles(stored.dir);
  if (localFiles.length > 0) {
    const remote = created ? new Map<string, number>() : await serverArtifacts(client, runId);
    const artifactUri = server.info.artifact_uri ?? '';
    const missing = localFiles.filter((file: ArtifactFile) => remote.get(file.path) !== file.size);
    for (const file of missing) {
      const content = await readFile(join(stored.dir, ARTIFACTS_DIR, ...file.path.split('/')));
      await client.uploadArtifact(artifactUri, file.path, new Uint8Array(content));
    }
    sent ||= missing.length > 0;
  }

  // Final status and end time, as recorded locally.
  if (run.status !== 'RUNNING' && !isFinal(stored, server)) {
    await client.updateRun({ run_id: runId, status: run.status, end_time: run.endTime });
    sent = true;
  }

  context.mlflowIds.set(run.runId, runId);
  recordSyncState(stored.dir, client.uri, { mlflowRunId: runId, complete: run.status !== 'RUNNING' });
  if (created) return 'created';
  return sent ? 'completed' : 'skipped';
}

/** A run deleted locally is deleted on the server too (soft delete, like MLflow's own). */
async function deleteOnServer(stored: StoredRun, context: SyncContext): Promise<SyncOutcome> {
  const server = await findServerRun(stored, context);
  if (!server) return 'skipped';
  await context.client.deleteRun(server.info.run_id);
  recordSyncState(stored.dir, context.client.uri, { mlflowRunId: server.info.run_id, complete: true });
  return 'deleted';
}

/** Local metric points whose (key, step) the server does not have (all of them for a new run). */
async function missingMetricPoints(stored: StoredRun, client: MlflowRestClient, serverRunId?: string): Promise<MlflowMetric[]> {
  const points = await readMetricPoints(stored.dir);
  const onServer = new Set<string>();
  if (serverRunId !== undefined) {
    for (const key of new Set(points.map((p) => p.key))) {
      for (const point of await client.getMetricHistory(serverRunId, key)) onServer.add(`${key}\u0000${int64(point.step) ?? 0}`);
    }
  }
  return points
    .filter((p) => !onServer.has(`${p.key}\u0000${p.step}`))
    .map((p) => ({ key: p.key, value: encodeMetricValue(p.value), timestamp: p.timestamp, step: p.step }));
}
