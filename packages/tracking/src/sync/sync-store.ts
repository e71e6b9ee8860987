import { resolve } from 'node:path';
import { DEFAULT_STORE } from '../trackers/local-store/layout.js';
import { MlflowTracker } from '../trackers/mlflow/mlflow-tracker.js';
import { MlflowRestClient, type MlflowRestClientOptions } from '../trackers/mlflow/rest-client.js';
import { listStoredRuns } from './local-runs.js';
import { type SyncContext, type SyncOutcome, syncRun } from './sync-run.js';

export interface SyncStoreOptions extends MlflowRestClientOptions {
  /** The local store folder (default `./gemlab-runs`). */
  readonly store?: string;
  /** Only this experiment (default: all). */
  readonly experiment?: string;
  /** A client to use instead of one built from the options. */
  readonly client?: MlflowRestClient;
  /** Called once per run with what happened to it. */
  readonly onRun?: (event: { readonly localRunId: string; readonly mlflowRunId?: string; readonly outcome: SyncOutcome }) => void;
}

export interface SyncResult {
  /** Runs the server did not have. */
  readonly created: number;
  /** Runs the server had in part, now completed. */
  readonly completed: number;
  /** Runs already complete on the server (and deleted runs it does not have). */
  readonly skipped: number;
  /** Runs deleted locally whose server copy was deleted now. */
  readonly deleted: number;
}

/**
 * Replays the local store into an MLflow server, idempotently: a run is found on the server by
 * its sync.json entry or its `gemlab.localRunId` tag, so running it twice creates nothing the
 * second time. Parents go before children, so `mlflow.parentRunId` names the server's parent.
 */
export async function syncStore(options: SyncStoreOptions = {}): Promise<SyncResult> {
  const client = options.client ?? new MlflowRestClient(options);
  const experiments = new MlflowTracker({ client });
  const mlflowIds = new Map<string, string>();
  const counts = { created: 0, completed: 0, skipped: 0, deleted: 0 };
  for (const stored of await listStoredRuns(resolve(options.store ?? DEFAULT_STORE), options.experiment)) {
    const context: SyncContext = { client, experimentId: await experiments.ensureExperiment(stored.run.experiment), mlflowIds };
    const outcome = await syncRun(stored, context);
    counts[outcome]++;
    options.onRun?.({ localRunId: stored.run.runId, mlflowRunId: mlflowIds.get(stored.run.runId), outcome });
  }
  return counts;
}
