import {
  applyOverrides,
  createPluginContext,
  type DataSet,
  initBackend,
  type PluginConfig,
  type PluginRegistry,
  SectionValidator,
  SeededRng,
} from '@gemlab/core';
import { scoreProbabilities } from '@gemlab/objectives';
import { printJson } from '../cli/output.js';
import { createRegistry } from '../config/builtin-modules.js';

export interface ScoreCommandOptions {
  readonly objective: string;
  readonly mode?: string;
  readonly kernel?: string;
  readonly distance?: string;
  readonly epsilon?: number;
  readonly set: readonly string[];
  readonly plugin: readonly string[];
  readonly data?: string;
  readonly probs: string;
  readonly json: boolean;
}

/**
 * `gemlab score`: the GEMINI of given cluster probabilities (P.csv, one row per sample) for
 * the samples in X.csv, with any objective and its params — as gemclus scores a classifier's
 * predict_proba. `--set` paths are relative to the objective (kernel.gamma=0.5).
 */
export async function scoreCommand(options: ScoreCommandOptions): Promise<number> {
  await initBackend('auto');
  const registry = await createRegistry(options.plugin, process.cwd());
  let objective: PluginConfig = { name: options.objective };
  if (options.mode) objective = { ...objective, mode: options.mode };
  if (options.epsilon !== undefined) objective = { ...objective, epsilon: options.epsilon };
  if (options.kernel) objective = { ...objective, kernel: { name: options.kernel } };
  if (options.distance) objective = { ...objective, distance: { name: options.distance } };
  objective = applyOverrides(
    objective,
    options.set.map((s) => s.replace(/^objective\./, '')),
  );
  const resolved = new SectionValidator(registry).plugin('objective', objective, 'objective');
  const probs = await readCsv(registry, options.probs);
  const x = options.data ? await readCsv(registry, options.data) : undefined;
  const value = scoreProbabilities({ registry, objective: resolved, probs, x });
  if (options.json) {
    printJson({
      objective: resolved.name,
      mode: resolved.mode ?? null,
      params: resolved,
      n: probs.meta.n,
      clusters: probs.meta.features,
      value,
    });
  } else {
    process.stdout.write(`${value}\n`);
  }
  return 0;
}

async function readCsv(registry: PluginRegistry, path: string): Promise<DataSet> {
  const { preprocess: _preprocess, ...config } = new SectionValidator(registry).plugin(
    'dataset',
    { name: 'csv', path },
    '--data',
  );
  return registry.create('dataset', config as PluginConfig, createPluginContext(registry, new SeededRng(0), process.cwd()));
}
