// @gemlab/core — contracts and machinery; contains no plugins.

export { type Static, type TObject, type TSchema, Type } from '@sinclair/typebox';
export { activeBackend, BACKEND_NAMES, type BackendName, initBackend, requireKernels } from './backend/bootstrap.js';
export { composeConfigSchema, composeKindSchema } from './config/compose-schema.js';
export { formatAjvErrors, suggest } from './config/format-errors.js';
export { loadConfigFile } from './config/load-config-file.js';
export { applyOverrides, getPath, parsePath, setPath } from './config/overrides.js';
export { pluginRef } from './config/plugin-ref.js';
export * from './config/run-config-schema.js';
export { ConfigValidator, createAjv } from './config/validate-config.js';
export type { Affinity } from './contracts/affinity.js';
export type { Architecture, BuildOptions } from './contracts/architecture.js';
export type { DataSet, DatasetMeta } from './contracts/dataset.js';
export type { Distance } from './contracts/distance.js';
export type { Kernel } from './contracts/kernel.js';
export type { Objective } from './contracts/objective.js';
export * from './contracts/plugin.js';
export type * from './contracts/tracker.js';
export * from './errors/index.js';
export { deriveSeed } from './random/derive-seed.js';
export { SeededRng } from './random/seeded-rng.js';
export { loadPlugins } from './registry/load-plugins.js';
export { definePluginModule, PLUGIN_ENTRY, type PluginEntry } from './registry/plugin-module.js';
export { PluginRegistry } from './registry/plugin-registry.js';
export type { LayersModel, Scalar, Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Variable } from './tf.js';
export { tf } from './tf.js';
export * from './metrics/index.js';
