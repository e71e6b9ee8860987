import { resolve } from 'node:path';
import type { RunConfig, Tracker } from '@gemlab/core';
import { DEFAULT_STORE, LocalStoreTracker, MlflowTracker, stripUserinfo } from '@gemlab/tracking';

/** Where a queued sweep's runs go: the one store that the submitter and every worker share. */
export interface SharedStore {
  /** The MLflow tracking server; absent: the local store below, shared through one file system. */
  readonly uri?: string;
  /** Absolute path of the local store (used when there is no URI). */
  readonly store: string;
}

/**
 * The submitter's tracking settings as the store everyone shares. With an MLflow URI that is
 * the server itself: each machine's local mirror (the ResilientTracker of local sweeps) has its
 * own run ids and cannot tell whether a trial already FINISHED elsewhere. Credentials in the
 * URI stay out of Redis: workers take theirs from their own MLFLOW_TRACKING_URI.
 */
export function sharedStoreOf(tracking: RunConfig['tracking']): SharedStore {
  const uri = tracking.uri || process.env.MLFLOW_TRACKING_URI || undefined;
  return { ...(uri ? { uri: stripUserinfo(uri) } : {}), store: resolve(tracking.store ?? DEFAULT_STORE) };
}

/**
 * The tracker of a shared store. A worker's MLFLOW_TRACKING_URI (same server, maybe another
 * address or with credentials) wins over the submitter's URI.
 */
export function openSharedStore(shared: SharedStore): Tracker {
  if (!shared.uri) return new LocalStoreTracker({ store: shared.store });
  return new MlflowTracker({ uri: process.env.MLFLOW_TRACKING_URI || shared.uri });
}
