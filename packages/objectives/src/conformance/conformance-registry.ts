import {
  type AnyPluginSpec,
  createPluginContext,
  definePluginModule,
  type PluginConfig,
  type PluginKind,
  type PluginProducts,
  PluginRegistry,
  SectionValidator,
  SeededRng,
} from '@gemlab/core';
import { describe, it } from 'vitest';
import { builtinDistances, builtinKernels } from '../module.js';

/**
 * A registry holding the plugin under test, the built-in kernels and distances its params may
 * name, and any extra plugins; a plugin under test replaces a built-in of the same kind and name.
 */
export function conformanceRegistry(spec: AnyPluginSpec, extra: readonly AnyPluginSpec[] = []): PluginRegistry {
  const clash = (a: AnyPluginSpec, b: AnyPluginSpec) => a.kind === b.kind && a.name === b.name;
  const explicit = [spec, ...extra];
  const builtins = [...builtinKernels, ...builtinDistances].filter((b) => !explicit.some((e) => clash(e, b)));
  return new PluginRegistry([definePluginModule('@gemlab/objectives/testing', [...explicit, ...builtins])]);
}

/**
 * Calls `body` inside one `describe` per `testParams` set of the spec (its defaults when it has
 * none), with the config the runner would pass: `{ name, ...params }` validated and defaulted by
 * the composed schema. A param set the schema rejects becomes one failing test naming the problem.
 */
export function forEachParamSet(
  spec: AnyPluginSpec,
  extra: readonly AnyPluginSpec[] | undefined,
  body: (registry: PluginRegistry, config: PluginConfig) => void,
): void {
  const registry = conformanceRegistry(spec, extra);
  const validator = new SectionValidator(registry);
  const paramSets: readonly Record<string, unknown>[] = spec.testParams && spec.testParams.length > 0 ? spec.testParams : [{}];
  for (const params of paramSets) {
    describe(paramsLabel(params), () => {
      let config: PluginConfig;
      try {
        config = validator.plugin(spec.kind, { ...params, name: spec.name }, spec.kind);
      } catch (error) {
        it('accepts its testParams', () => {
          throw error;
        });
        return;
      }
      body(registry, config);
    });
  }
}

/** Creates a plugin from a resolved config, with a seeded context rooted at the working directory. */
export function createFromConfig<K extends PluginKind>(
  registry: PluginRegistry,
  kind: K,
  config: PluginConfig,
): PluginProducts[K] {
  return registry.create(kind, config, createPluginContext(registry, new SeededRng(0).derive(kind), process.cwd()));
}

/** A short label of a param set for test titles. */
export function paramsLabel(params: Readonly<Record<string, unknown>>): string {
  const text = JSON.stringify(params);
  return text === '{}' ? 'default params' : text;
}
