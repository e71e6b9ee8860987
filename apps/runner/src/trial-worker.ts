// Entry of a local worker process (executors/local-pool.ts forks it): runs the trials (or
// batches of trials) the parent sends, one at a time, in its own tfjs instance, so trials
// really run in parallel.

import { openTrialEnvironment, type TrialEnvironment, type TrialEnvironmentSpec } from './executors/trial-environment.js';
import type { FromWorker, ToWorker } from './executors/worker-messages.js';
import { canonicalJson } from './trial/canonical.js';
import { runTrial } from './trial/run-trial.js';
import { runTrialBatch } from './trial/run-trial-batch.js';

let opened: { key: string; environment: Promise<TrialEnvironment> } | undefined;

function send(message: FromWorker): void {
  process.send?.(message);
}

async function environmentFor(spec: TrialEnvironmentSpec): Promise<TrialEnvironment> {
  const key = canonicalJson(spec);
  if (opened?.key !== key) opened = { key, environment: openTrialEnvironment(spec) };
  return opened.environment;
}

process.on('message', async (message: ToWorker) => {
  const { environment: spec } = message;
  const firstId = message.type === 'run' ? message.trial.id : (message.trials[0]?.id ?? '');
  try {
    const { registry, tracker } = await environmentFor(spec);
    const context = {
      registry,
      tracker,
      baseDir: spec.baseDir,
      parentRunId: spec.parentRunId,
      sweepId: spec.sweepId,
      paramKeys: spec.paramKeys,
    };
    if (message.type === 'run') {
      const { trial } = message;
      const result = await runTrial(trial, {
        ...context,
        onStarted: (runId) => send({ type: 'started', trialId: trial.id, runId }),
        onEpoch: (logs) => send({ type: 'epoch', trialId: trial.id, logs }),
      });
      send({ type: 'result', result });
    } else if (message.type === 'runBatch') {
      const results = await runTrialBatch(message.trials, {
        ...context,
        onStarted: (trial, runId) => send({ type: 'started', trialId: trial.id, runId }),
        onEpoch: (trial, logs) => send({ type: 'epoch', trialId: trial.id, logs }),
      });
      send({ type: 'batchResult', results });
    }
  } catch (error) {
    send({
      type: 'crashed',
      trialId: firstId,
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
