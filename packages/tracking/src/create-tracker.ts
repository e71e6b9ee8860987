import type { Tracker } from '@gemlab/core';
import { LocalStoreTracker } from './trackers/local-store/local-store-tracker.js';
import { MlflowTracker, type MlflowTrackerOptions } from './trackers/mlflow/mlflow-tracker.js';
import { ResilientTracker } from './trackers/resilient/resilient-tracker.js';

export interface CreateTrackerOptions {
  /** The local store folder (default `./gemlab-runs`). */
  readonly store?: string;
  /** MLflow server URL; default `MLFLOW_TRACKING_URI`. Without one, runs stay in the local store. */
  readonly uri?: string;
  /** Receives the single warning printed when the MLflow server stops answering (default: stderr). */
  readonly warn?: (message: string) => void;
  /** Credentials, retry and flush settings of the MLflow mirror. */
  readonly mlflow?: Omit<MlflowTrackerOptions, 'uri'>;
  /** Ended runs still mirroring before a new run waits for the server (ResilientTracker's default 16). */
  readonly maxBackgroundRuns?: number;
}

/**
 * The tracker the runner uses: the local store alone when no MLflow URI is configured, else the
 * local store mirrored to MLflow, which keeps training (and every run) going when the server fails.
 */
export function createTracker(options: CreateTrackerOptions = {}): Tracker {
  const local = new LocalStoreTracker({ store: options.store });
  const uri = options.uri || process.env.MLFLOW_TRACKING_URI;
  if (!uri) return local;
  const mirror = new MlflowTracker({ ...options.mlflow, uri });
  return new ResilientTracker({ local, mirror, warn: options.warn, maxBackgroundRuns: options.maxBackgroundRuns });
}
