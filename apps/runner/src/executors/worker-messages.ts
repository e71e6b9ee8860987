import type { EpochLogs } from '@gemlab/core';
import type { TrialResult, TrialSpec } from '../trial/trial-spec.js';
import type { TrialEnvironmentSpec } from './trial-environment.js';

/** Parent → worker. */
export type ToWorker =
  | { readonly type: 'run'; readonly trial: TrialSpec; readonly environment: TrialEnvironmentSpec }
  | { readonly type: 'runBatch'; readonly trials: readonly TrialSpec[]; readonly environment: TrialEnvironmentSpec };

/** Worker → parent. */
export type FromWorker =
  | { readonly type: 'started'; readonly trialId: string; readonly runId: string }
  | { readonly type: 'epoch'; readonly trialId: string; readonly logs: EpochLogs }
  | { readonly type: 'result'; readonly result: TrialResult }
  | { readonly type: 'batchResult'; readonly results: readonly TrialResult[] }
  | { readonly type: 'crashed'; readonly trialId: string; readonly error: string };
