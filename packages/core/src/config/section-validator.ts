import type { TSchema } from '@sinclair/typebox';
import type { ValidateFunction } from 'ajv';
import type { PluginConfig, PluginKind } from '../contracts/plugin.js';
import { ConfigError } from '../errors/config-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { composeKindSchema } from './compose-schema.js';
import { formatAjvErrors } from './format-errors.js';
import { createAjv } from './validate-config.js';

/**
 * Validates one section of a config on its own (a plugin config, or the training section),
 * as the estimator API needs: same schema, same defaults, same error lines, with `path`
 * (e.g. 'objective') prefixed to every problem.
 */
export class SectionValidator {
  private readonly ajv = createAjv();
  private readonly byKind = new Map<PluginKind, ValidateFunction>();

  constructor(private readonly registry: PluginRegistry) {}

  plugin(kind: PluginKind, value: unknown, path: string): PluginConfig {
    let validate = this.byKind.get(kind);
    if (!validate) {
      validate = this.ajv.compile(composeKindSchema(this.registry, kind));
      this.byKind.set(kind, validate);
    }
    return this.run(validate, value, path) as PluginConfig;
  }

  schema<T>(schema: TSchema, value: unknown, path: string): T {
    // A section's own default ({}) only matters inside the whole config; ajv refuses it at a root.
    const { default: _default, ...root } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
    return this.run(this.ajv.compile(root), value, path) as T;
  }

  private run(validate: ValidateFunction, value: unknown, path: string): unknown {
    const copy = structuredClone(value ?? {});
    if (validate(copy)) return copy;
    const problems = formatAjvErrors(validate.errors ?? []).map((p) => ({
      path: p.path ? `${path}.${p.path}` : path,
      message: p.message,
    }));
    throw new ConfigError(problems);
  }
}
