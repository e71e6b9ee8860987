import { initBackend, type PluginRegistry, type RunConfig, type Tracker } from '@gemlab/core';
import { createTracker } from '@gemlab/tracking';
import { createRegistry } from '../config/builtin-modules.js';

/** What a process needs to run the trials of one sweep: sent once to each worker. */
export interface TrialEnvironmentSpec {
  readonly plugins: readonly string[];
  readonly baseDir: string;
  readonly backend: RunConfig['backend'];
  readonly tracking: RunConfig['tracking'];
  readonly parentRunId?: string;
  readonly sweepId?: string;
  readonly paramKeys?: readonly string[];
}

export interface TrialEnvironment {
  readonly registry: PluginRegistry;
  readonly tracker: Tracker;
}

/** Backend, registry (with external plugins) and tracker for a worker process. */
export async function openTrialEnvironment(spec: TrialEnvironmentSpec): Promise<TrialEnvironment> {
  await initBackend(spec.backend);
  const registry = await createRegistry(spec.plugins, spec.baseDir);
  const tracker = await createTracker({ store: spec.tracking.store, uri: spec.tracking.uri });
  return { registry, tracker };
}
