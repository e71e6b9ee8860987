import type { KReport } from '../../report/k-report.js';
import type { TrialResult, TrialSpec } from '../../trial/trial-spec.js';
import type { TrialEnvironmentSpec } from '../trial-environment.js';
import type { SharedStore } from './shared-store.js';

/** The data of a trial's job: everything a worker on any machine needs to run it. */
export interface TrialJobData {
  readonly trial: TrialSpec;
  /** `tracking` there is the submitter's; workers log to `store`. */
  readonly environment: TrialEnvironmentSpec;
  readonly store: SharedStore;
  /** sweep.timeout: the trial ends FAILED after this long. */
  readonly timeoutSeconds?: number;
}

/** One trial as the sweep job lists it: enough to order the results and name a lost trial. */
export interface QueuedTrial {
  readonly id: string;
  readonly name: string;
  readonly jobId: string;
  readonly point: Readonly<Record<string, unknown>>;
  readonly repeat: number;
  /** The trial's params with every key of the sweep (for the report row of a lost trial). */
  readonly params: Readonly<Record<string, string>>;
}

/** The data of a sweep's parent job. */
export interface SweepJobData {
  readonly sweepId: string;
  readonly name: string;
  readonly experiment: string;
  readonly parentRunId: string;
  readonly store: SharedStore;
  readonly paramKeys: readonly string[];
  /** In sweep order. */
  readonly trials: readonly QueuedTrial[];
  /** Set by `gemlab sweep --cancel`: running trials are stopped, the parent run ends KILLED. */
  readonly cancelled?: boolean;
  readonly submittedAt: number;
}

/** What the sweep job returns (and `gemlab sweep --executor bullmq --wait` prints). */
export interface SweepJobResult {
  readonly sweepId: string;
  readonly name: string;
  readonly parentRunId: string;
  readonly store: string;
  readonly results: readonly TrialResult[];
  readonly report: KReport;
  readonly stoppedBy?: string;
}
