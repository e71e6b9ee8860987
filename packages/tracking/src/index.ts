// @gemlab/tracking — Tracker implementations: MLflow REST client, local run store, resilient mirroring, sync.

export { type CreateTrackerOptions, createTracker } from './create-tracker.js';
export { type SyncResult, type SyncStoreOptions, syncStore } from './sync/sync-store.js';
export { DEFAULT_STORE } from './trackers/local-store/layout.js';
export { LocalStoreTracker, type LocalStoreTrackerOptions } from './trackers/local-store/local-store-tracker.js';
export { type MlflowConnectionOptions, stripUserinfo } from './trackers/mlflow/connection.js';
export { MlflowApiError } from './trackers/mlflow/mlflow-api-error.js';
export { MlflowTracker, type MlflowTrackerOptions } from './trackers/mlflow/mlflow-tracker.js';
export { MlflowRestClient, type MlflowRestClientOptions } from './trackers/mlflow/rest-client.js';
export type * from './trackers/mlflow/rest-types.js';
export type { RetryOptions } from './trackers/mlflow/retry-policy.js';
export { ResilientTracker, type ResilientTrackerOptions } from './trackers/resilient/resilient-tracker.js';
