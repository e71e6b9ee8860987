import type { Static, TObject } from '@sinclair/typebox';
import type { SeededRng } from '../random/seeded-rng.js';
import type { Architecture } from './architecture.js';
import type { DataSet } from './dataset.js';
import type { Distance } from './distance.js';
import type { Kernel } from './kernel.js';
import type { Objective } from './objective.js';

/** What `create` returns, per plugin kind. */
export interface PluginProducts {
  objective: Objective;
  kernel: Kernel;
  distance: Distance;
  architecture: Architecture;
  dataset: DataSet | Promise<DataSet>;
}

export type PluginKind = keyof PluginProducts;
export const PLUGIN_KINDS: readonly PluginKind[] = ['objective', 'kernel', 'distance', 'architecture', 'dataset'];

/** A plugin config section as it appears in a config file: `{ name, ...params }`. */
export interface PluginConfig {
  readonly name: string;
  readonly [param: string]: unknown;
}

/** What a plugin's `create` receives besides its params. */
export interface PluginContext {
  /** A generator reserved for this plugin instance (derived from the run's root seed). */
  readonly rng: SeededRng;
  /** The directory relative file paths in params are resolved against (the config file's). */
  readonly baseDir: string;
  /** Creates a nested plugin from its (already validated) config, e.g. the kernel of `mmd`. */
  create<K extends PluginKind>(kind: K, config: PluginConfig): PluginProducts[K];
}

/**
 * A plugin: a plain object exported from its own file and listed in its package's module.ts.
 *
 * - `schema` is a TypeBox object schema of the params (without `name`), with defaults. The
 *   runner validates and defaults the whole config against it before any work starts, so
 *   `create` receives complete, valid params and never validates them itself.
 * - `create` is called once per trial (objectives, kernels, distances, architectures) or once
 *   per run (datasets). It must be deterministic given params and `ctx.rng`.
 * - `testParams` are the param sets the conformance suites try (defaults when absent);
 *   `expectedFailures` maps a conformance check name to the reason it cannot pass.
 */
export interface PluginSpec<K extends PluginKind = PluginKind, S extends TObject = TObject> {
  readonly kind: K;
  readonly name: string;
  readonly description: string;
  readonly schema: S;
  create(params: Static<S>, ctx: PluginContext): PluginProducts[K];
  readonly testParams?: readonly Partial<Static<S>>[];
  readonly expectedFailures?: Readonly<Record<string, string>>;
}

/** Any plugin, whatever its kind and schema (as stored in a registry). */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds specs of every schema
export type AnyPluginSpec = PluginSpec<PluginKind, any>;

function define<K extends PluginKind>(kind: K) {
  return <S extends TObject>(spec: Omit<PluginSpec<K, S>, 'kind'>): PluginSpec<K, S> => ({ ...spec, kind });
}

/** Identity helpers that fix the kind and infer the params type from the schema. */
export const defineObjective = define('objective');
export const defineKernel = define('kernel');
export const defineDistance = define('distance');
export const defineArchitecture = define('architecture');
export const defineDataset = define('dataset');
