import { type EpochLogs, GeminiClustering, type RunHandle } from '@gemlab/core';
import { loadTrialData, type TrialData } from './load-data.js';
import {
  endFailed,
  logTrialDefinition,
  openTrialRun,
  runTrial,
  scoreAndLog,
  type TrialBase,
  type TrialContext,
  trialEstimator,
} from './run-trial.js';
import type { TrialResult, TrialSpec } from './trial-spec.js';

export interface BatchTrialContext extends Omit<TrialContext, 'onStarted' | 'onEpoch'> {
  readonly onStarted?: (trial: TrialSpec, runId: string) => void;
  readonly onEpoch?: (trial: TrialSpec, logs: EpochLogs) => void;
}

interface Member {
  readonly spec: TrialSpec;
  readonly run: RunHandle;
  readonly base: TrialBase;
  data?: TrialData;
  estimator?: GeminiClustering;
  result?: TrialResult;
}

/**
 * Trials that `groupTrials` batched, trained as replicas of one program
 * (GeminiClustering.fitReplicas) and tracked exactly as `runTrial` tracks each: its own run,
 * params, config, dataset input, per-epoch metrics, final metrics, predictions, model and
 * figures. Training errors end every member's run FAILED (KILLED when cancelled); an error in
 * one member's set-up or scoring fails that member only. Members whose data sets differ in
 * size cannot share a program and run one after another instead. Resolves one result per trial,
 * in order; never throws.
 */
export async function runTrialBatch(specs: readonly TrialSpec[], context: BatchTrialContext): Promise<TrialResult[]> {
  if (specs.length === 1) {
    const spec = specs[0] as TrialSpec;
    return [await runTrial(spec, single(spec, context))];
  }
  const members: Member[] = [];
  for (const spec of specs) members.push({ spec, ...(await openTrialRun(spec, single(spec, context))) });
  for (const member of members) {
    try {
      await logTrialDefinition(member.run, member.spec, member.base);
      member.data = await loadTrialData(member.spec.config, context.registry, context.baseDir);
      await member.run.logDatasetInput({ ...member.data.train.meta, digest: member.data.digest });
      member.estimator = trialEstimator(member.spec, context, member.run, (logs) => context.onEpoch?.(member.spec, logs));
    } catch (error) {
      member.result = await endFailed(member.base, member.run, error, context.signal);
    }
  }
  const ready = members.filter((m) => !m.result);
  try {
    const sizes = new Set(ready.map((m) => (m.data as TrialData).train.x.length));
    const estimators = ready.map((m) => m.estimator as GeminiClustering);
    if (ready.length > 1 && sizes.size === 1 && !GeminiClustering.replicaBlocker(estimators)) {
      await GeminiClustering.fitReplicas(
        estimators,
        ready.map((m) => (m.data as TrialData).train),
        { signal: context.signal },
      );
      // Which trials trained together: the replica count and the batch's first trial.
      const tags = { 'gemlab.replicas': String(ready.length), 'gemlab.batch': (ready[0] as Member).spec.id };
      for (const member of ready) {
        await member.run.setTags(tags).catch(() => undefined);
        await finish(member, context);
      }
    } else {
      for (const member of ready) {
        try {
          await (member.estimator as GeminiClustering).fit((member.data as TrialData).train, { signal: context.signal });
          await finish(member, context);
        } catch (error) {
          member.result = await endFailed(member.base, member.run, error, context.signal);
        }
      }
    }
  } catch (error) {
    for (const member of ready) member.result ??= await endFailed(member.base, member.run, error, context.signal);
  } finally {
    for (const member of members) member.estimator?.dispose();
  }
  return members.map((m) => m.result as TrialResult);
}

/** Scores and logs one trained member and ends its run FINISHED, or FAILED if that fails. */
async function finish(member: Member, context: BatchTrialContext): Promise<void> {
  try {
    const metrics = await scoreAndLog(member.spec, member.run, member.data as TrialData, member.estimator as GeminiClustering);
    await member.run.end('FINISHED');
    member.result = { ...member.base, status: 'FINISHED', metrics };
  } catch (error) {
    member.result = await endFailed(member.base, member.run, error, context.signal);
  }
}

function single(spec: TrialSpec, context: BatchTrialContext): TrialContext {
  return {
    ...context,
    onStarted: (runId) => context.onStarted?.(spec, runId),
    onEpoch: (logs) => context.onEpoch?.(spec, logs),
  };
}
