import { initBackend } from '@gemlab/core';
import { createTracker } from '@gemlab/tracking';
import { formatNumber, printJson, textTable } from '../cli/output.js';
import { ProgressBar } from '../cli/progress.js';
import { resolveConfigFile } from '../config/resolve-config.js';
import { InProcessExecutor } from '../executors/in-process.js';
import { type TrialSpec, trialId, trialName } from '../trial/trial-spec.js';
import { withInterrupt } from './interrupt.js';

/** `gemlab run <config>`: one training run (a sweep section, if any, is ignored). */
export async function runCommand(path: string, options: { set: readonly string[]; json: boolean }): Promise<number> {
  const resolved = await resolveConfigFile(path, options.set);
  const { sweep: _sweep, ...config } = resolved.config;
  await initBackend(config.backend);
  const tracker = await createTracker({
    store: config.tracking.store,
    uri: config.tracking.uri,
    warn: (message) => process.stderr.write(`gemlab: warning: ${message}\n`),
  });
  const trial: TrialSpec = { id: trialId(config), name: trialName(config, 0), config, point: {}, repeat: 0 };
  const progress = new ProgressBar();
  progress.plan({ total: 1, done: 0, epochs: config.training.epochs });
  progress.trialStarted(trial);
  const executor = new InProcessExecutor(resolved.registry, tracker, {
    plugins: config.plugins,
    baseDir: resolved.baseDir,
    backend: config.backend,
    tracking: config.tracking,
  });
  const result = await withInterrupt((signal) =>
    executor.execute(trial, { signal, onEpoch: (logs) => progress.epoch(trial, logs) }),
  );
  progress.clear();
  await tracker.close();
  if (options.json) {
    printJson({
      id: result.id,
      name: result.name,
      status: result.status,
      runId: result.runId,
      store: tracker.location,
      params: result.params,
      metrics: result.metrics,
      ...(result.error ? { error: result.error } : {}),
    });
  } else {
    process.stdout.write(
      `run ${result.name} (${result.runId}): ${result.status}${result.error ? `: ${result.error}` : ''}; stored in ${tracker.location}\n`,
    );
    const rows = Object.entries(result.metrics).map(([key, value]) => [key, formatNumber(value)]);
    if (rows.length) process.stdout.write(`\n${textTable(['metric', 'value'], rows)}\n`);
  }
  return result.status === 'FINISHED' ? 0 : result.status === 'KILLED' ? 130 : 1;
}
