// Entry of a local worker process (executors/local-pool.ts forks it): runs the trials the
// parent sends, one at a time, in its own tfjs instance, so trials really run in parallel.

import { openTrialEnvironment, type TrialEnvironment } from './executors/trial-environment.js';
import type { FromWorker, ToWorker } from './executors/worker-messages.js';
import { canonicalJson } from './trial/canonical.js';
import { runTrial } from './trial/run-trial.js';

let opened: { key: string; environment: Promise<TrialEnvironment> } | undefined;

function send(message: FromWorker): void {
  process.send?.(message);
}

process.on('message', async (message: ToWorker) => {
  if (message.type !== 'run') return;
  const { trial, environment: spec } = message;
  try {
    const key = canonicalJson(spec);
    if (opened?.key !== key) opened = { key, environment: openTrialEnvironment(spec) };
    const { registry, tracker } = await opened.environment;
    const result = await runTrial(trial, {
      registry,
      tracker,
      baseDir: spec.baseDir,
      parentRunId: spec.parentRunId,
      sweepId: spec.sweepId,
      paramKeys: spec.paramKeys,
      onStarted: (runId) => send({ type: 'started', trialId: trial.id, runId }),
      onEpoch: (logs) => send({ type: 'epoch', trialId: trial.id, logs }),
    });
    send({ type: 'result', result });
  } catch (error) {
    send({
      type: 'crashed',
      trialId: trial.id,
      error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    });
  }
});

// The parent disconnects after the last trial: let the tracker finish mirroring (MLflow) first.
process.on('disconnect', async () => {
  const environment = await opened?.environment.catch(() => undefined);
  await environment?.tracker.close().catch(() => undefined);
  process.exit(0);
});
