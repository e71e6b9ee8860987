import { createAjv, type DataSet, type PluginContext, type PluginSpec, SeededRng, type Static, type TObject } from '@gemlab/core';

export interface LoadDatasetOptions {
  /** Root of the plugin's rng (default 0). */
  readonly seed?: number;
  /** Directory relative paths resolve against (default: the working directory). */
  readonly baseDir?: string;
}

/**
 * Runs a dataset plugin as the runner does: params validated and defaulted by its schema
 * (a failing schema throws), then `create` with a fresh `SeededRng(seed)`.
 */
export async function loadDataset<S extends TObject>(
  spec: PluginSpec<'dataset', S>,
  params: Partial<Static<S>> | Record<string, unknown> = {},
  options: LoadDatasetOptions = {},
): Promise<DataSet> {
  const context: PluginContext = {
    rng: new SeededRng(options.seed ?? 0),
    baseDir: options.baseDir ?? process.cwd(),
    create: () => {
      throw new Error(`dataset '${spec.name}' asked for a nested plugin; datasets take none`);
    },
  };
  return spec.create(defaultParams(spec, params) as Static<S>, context);
}

/** The params as the runner would pass them: validated and defaulted by the plugin's schema. */
export function defaultParams(spec: PluginSpec<'dataset', TObject>, raw: object): Record<string, unknown> {
  const validate = createAjv().compile(spec.schema);
  const params = structuredClone(raw) as Record<string, unknown>;
  if (!validate(params)) {
    throw new Error(`dataset '${spec.name}': params ${JSON.stringify(raw)} fail its schema: ${JSON.stringify(validate.errors)}`);
  }
  return params;
}
