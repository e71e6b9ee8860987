import { basename, dirname, extname, resolve } from 'node:path';
import { applyOverrides, ConfigError, ConfigValidator, loadConfigFile, type PluginRegistry, type RunConfig } from '@gemlab/core';
import { createRegistry } from './builtin-modules.js';

/** A validated config together with the registry it was validated against. */
export interface ResolvedConfig {
  readonly config: RunConfig;
  /** The document as written, with overrides applied and before defaults (sweep points apply to it). */
  readonly raw: Record<string, unknown>;
  readonly registry: PluginRegistry;
  readonly validator: ConfigValidator;
  /** Directory relative paths in the config are resolved against. */
  readonly baseDir: string;
  /** The config file's name without extension (the default sweep name). */
  readonly sourceName: string;
}

/**
 * File → overrides → external plugins → composed schema → defaults. Everything is checked
 * here, before any work starts; problems come back as one ConfigError, one line each.
 */
export async function resolveConfigFile(path: string, overrides: readonly string[] = []): Promise<ResolvedConfig> {
  const raw = applyOverrides(loadConfigFile(path), overrides);
  const baseDir = dirname(resolve(path));
  const plugins = raw.plugins ?? [];
  if (!Array.isArray(plugins) || !plugins.every((p) => typeof p === 'string')) {
    throw new ConfigError([{ path: 'plugins', message: 'must be a list of plugin files or package names' }], path);
  }
  const registry = await createRegistry(plugins, baseDir);
  const validator = new ConfigValidator(registry);
  const config = validator.resolve(raw, path);
  return { config, raw, registry, validator, baseDir, sourceName: basename(path, extname(path)) };
}
