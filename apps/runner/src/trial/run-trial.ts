import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeBackend,
  CancelledError,
  type DataSet,
  type EpochLogs,
  GeminiClustering,
  isGemlabError,
  type PluginRegistry,
  type RunHandle,
  type Tracker,
} from '@gemlab/core';
import { saveModel } from '@gemlab/models';
import { stringify } from 'yaml';
import { abortMessage, isTimeout } from '../executors/abort-reasons.js';
import { renderTrialFigures } from '../figures/index.js';
import { clusteringMetrics } from './clustering-metrics.js';
import { loadTrialData, type TrialData } from './load-data.js';
import { trialParams, withAllKeys } from './trial-params.js';
import type { TrialResult, TrialSpec } from './trial-spec.js';

export interface TrialContext {
  readonly registry: PluginRegistry;
  readonly baseDir: string;
  readonly tracker: Tracker;
  readonly parentRunId?: string;
  readonly sweepId?: string;
  /** Every param key of the sweep, so all children log the same keys. */
  readonly paramKeys?: readonly string[];
  readonly signal?: AbortSignal;
  /** Called once the run exists, so an executor can close it if the trial is killed. */
  readonly onStarted?: (runId: string) => void;
  readonly onEpoch?: (logs: EpochLogs) => void;
}

/**
 * One trial, start to end: a run in the store, the data, training with per-epoch metrics,
 * the final scores, the resolved config and the model as artifacts. A failing trial ends its
 * run FAILED with the error as a tag and resolves (it never throws), so a sweep goes on.
 */
export async function runTrial(spec: TrialSpec, context: TrialContext): Promise<TrialResult> {
  const { run, base } = await openTrialRun(spec, context);
  try {
    await logTrialDefinition(run, spec, base);
    const data = await loadTrialData(spec.config, context.registry, context.baseDir);
    await run.logDatasetInput({ ...data.train.meta, digest: data.digest });
    const estimator = trialEstimator(spec, context, run, (logs) => context.onEpoch?.(logs));
    try {
      await estimator.fit(data.train, { signal: context.signal });
      const metrics = await scoreAndLog(spec, run, data, estimator);
      await run.end('FINISHED');
      return { ...base, status: 'FINISHED', metrics };
    } finally {
      estimator.dispose();
    }
  } catch (error) {
    return endFailed(base, run, error, context.signal);
  }
}

/** A trial's result as far as it is known when its run starts. */
export type TrialBase = Omit<TrialResult, 'status' | 'metrics'>;

/** Starts the trial's run (tagged with its trial id) and reports it to `onStarted`. */
export async function openTrialRun(spec: TrialSpec, context: TrialContext): Promise<{ run: RunHandle; base: TrialBase }> {
  const { config } = spec;
  const own = trialParams(config);
  const params = withAllKeys(own, context.paramKeys ?? []);
  const run = await context.tracker.startRun({
    experiment: config.experiment,
    name: spec.name,
    parentRunId: context.parentRunId,
    tags: {
      'gemlab.role': 'trial',
      'gemlab.trialId': spec.id,
      'gemlab.repeat': String(spec.repeat),
      'gemlab.backend': activeBackend(),
      ...(context.sweepId ? { 'gemlab.sweepId': context.sweepId } : {}),
    },
  });
  context.onStarted?.(run.runId);
  return { run, base: { id: spec.id, name: spec.name, runId: run.runId, point: spec.point, repeat: spec.repeat, params } };
}

/** The trial's params and resolved config on its run. */
export async function logTrialDefinition(run: RunHandle, spec: TrialSpec, base: TrialBase): Promise<void> {
  await run.logParams(base.params);
  await run.logArtifact('config.yaml', stringify(spec.config));
}

/** Ends the run FAILED (or KILLED when cancelled) with the error as a tag; never throws. */
export async function endFailed(
  base: TrialBase,
  run: RunHandle,
  error: unknown,
  signal: AbortSignal | undefined,
): Promise<TrialResult> {
  const cancelled = error instanceof CancelledError;
  const status = cancelled && !isTimeout(signal) ? 'KILLED' : 'FAILED';
  const message = cancelled ? abortMessage(signal) : errorLine(error);
  await run.setTags({ 'gemlab.error': message.slice(0, 7000) }).catch(() => undefined);
  await run.end(status).catch(() => undefined);
  return { ...base, status, metrics: {}, error: message };
}

/** The trial's estimator, logging every epoch to its run before `onEpoch`. */
export function trialEstimator(
  spec: TrialSpec,
  context: Pick<TrialContext, 'registry' | 'baseDir'>,
  run: RunHandle,
  onEpoch: (logs: EpochLogs) => void,
): GeminiClustering {
  return estimatorOf(spec.config, context, async (logs) => {
    const values: Record<string, number> = { gemini: logs.gemini, loss: logs.loss };
    if (logs.vat !== undefined) values.vat = logs.vat;
    await run.logMetrics(values, logs.epoch);
    onEpoch(logs);
  });
}

/** The estimator a trial's config describes: its model, objective, training and seed. */
export function estimatorOf(
  config: TrialSpec['config'],
  context: Pick<TrialContext, 'registry' | 'baseDir'>,
  onEpochEnd?: (logs: EpochLogs) => Promise<void>,
): GeminiClustering {
  const { nClusters, ...model } = config.model;
  return new GeminiClustering({
    registry: context.registry,
    objective: config.objective,
    model,
    nClusters: nClusters as number,
    training: config.training,
    seed: config.seed,
    baseDir: context.baseDir,
    ...(onEpochEnd ? { onEpochEnd } : {}),
  });
}

/** After training: the final scores, predictions, model and figures on the run. */
export async function scoreAndLog(
  spec: TrialSpec,
  run: RunHandle,
  data: TrialData,
  estimator: GeminiClustering,
): Promise<Record<string, number>> {
  const last = estimator.history[estimator.history.length - 1];
  const metrics: Record<string, number> = {
    gemini: last?.gemini ?? Number.NaN,
    epochs: estimator.nIter,
    ...clusteringMetrics(estimator.labels, data.train.y),
  };
  if (data.test) Object.assign(metrics, clusteringMetrics(estimator.predict(data.test), data.test.y, 'test_'));
  await run.logMetrics(metrics, estimator.nIter);
  await run.logArtifact('predictions.csv', `cluster\n${Array.from(estimator.labels).join('\n')}\n`);
  await logModel(run, estimator);
  await logFigures(run, spec.name, data.train, estimator);
  return metrics;
}

async function logModel(run: RunHandle, estimator: GeminiClustering): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gemlab-model-'));
  try {
    await saveModel(estimator.model, dir);
    for (const file of await readdir(dir)) await run.logArtifact(`model/${file}`, await readFile(join(dir, file)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Trial figures (scatter, curves, confusion, sizes) under figures/ and tables/; a rendering bug must not fail the trial. */
async function logFigures(run: RunHandle, title: string, data: DataSet, estimator: GeminiClustering): Promise<void> {
  try {
    const figures = await renderTrialFigures({
      title,
      x: data.x,
      sampleShape: data.sampleShape,
      clusters: estimator.labels,
      nClusters: estimator.nClusters,
      labels: data.y,
      history: estimator.history,
    });
    for (const figure of figures) await run.logArtifact(figure.path, figure.content);
  } catch (error) {
    await run.setTags({ 'gemlab.figuresError': errorLine(error).slice(0, 7000) });
  }
}

export function errorLine(error: unknown): string {
  if (isGemlabError(error)) return `${error.code}: ${error.message.split('\n')[0]}`;
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}
