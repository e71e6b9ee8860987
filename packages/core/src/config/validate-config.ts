import { Ajv, type ValidateFunction } from 'ajv';
import { ConfigError } from '../errors/config-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { composeConfigSchema, PLUGIN_KIND_KEY } from './compose-schema.js';
import { formatAjvErrors } from './format-errors.js';
import { PLUGIN_REF_KEY } from './plugin-ref.js';
import type { RunConfig } from './run-config-schema.js';

/** Compiles the composed schema once per registry. */
export class ConfigValidator {
  private readonly validate: ValidateFunction;
  readonly schema: Record<string, unknown>;

  constructor(registry: PluginRegistry) {
    this.schema = composeConfigSchema(registry);
    this.validate = createAjv().compile(this.schema);
  }

  /**
   * Validates a raw config document and returns a defaulted deep copy; the input is left
   * untouched. Throws a ConfigError listing every problem, one line each.
   */
  resolve(raw: unknown, source?: string): RunConfig {
    const copy = structuredClone(raw);
    if (!this.validate(copy)) throw new ConfigError(formatAjvErrors(this.validate.errors ?? []), source);
    return copy as RunConfig;
  }
}

export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    discriminator: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    strictTuples: false,
  });
  ajv.addKeyword({ keyword: PLUGIN_KIND_KEY, schemaType: 'string' });
  ajv.addKeyword({ keyword: PLUGIN_REF_KEY, schemaType: 'string' });
  return ajv;
}
