import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ContainerModule } from 'inversify';
import type { AnyPluginSpec } from '../contracts/plugin.js';
import { PLUGIN_KINDS } from '../contracts/plugin.js';
import { PluginLoadError } from '../errors/plugin-errors.js';
import { definePluginModule } from './plugin-module.js';

/**
 * Resolves the config's `plugins:` list into container modules, by one rule:
 * a reference starting with '.', '/' or ending in .ts/.js/.mjs is a file relative to `baseDir`;
 * anything else is an installed npm package. The module's default export must be a plugin
 * spec, an array of specs, or a ContainerModule (from `definePluginModule`).
 */
export async function loadPlugins(references: readonly string[], baseDir: string): Promise<ContainerModule[]> {
  const modules: ContainerModule[] = [];
  for (const reference of references) modules.push(await loadPlugin(reference, baseDir));
  return modules;
}

async function loadPlugin(reference: string, baseDir: string): Promise<ContainerModule> {
  const isFile = /^[./]/.test(reference) || /\.(c|m)?(t|j)s$/.test(reference);
  let exported: unknown;
  try {
    if (isFile) {
      const path = isAbsolute(reference) ? reference : resolve(baseDir, reference);
      if (!existsSync(path)) throw new PluginLoadError(reference, `file not found (looked in ${baseDir})`);
      exported = (await importFile(path)).default;
    } else {
      const entry = createRequire(resolve(baseDir, 'package.json')).resolve(reference);
      exported = (await import(pathToFileURL(entry).href)).default;
    }
  } catch (error) {
    if (error instanceof PluginLoadError) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PluginLoadError(reference, `failed to import: ${reason}`, { cause: error });
  }
  return toModule(reference, exported);
}

async function importFile(path: string): Promise<{ default?: unknown }> {
  if (/\.(c|m)?ts$/.test(path)) {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(path).href, import.meta.url);
  }
  return import(pathToFileURL(path).href);
}

function toModule(reference: string, value: unknown): ContainerModule {
  // A TypeScript file outside an ESM package is loaded as CommonJS: its default export arrives wrapped once.
  const exported = isWrappedDefault(value) ? value.default : value;
  if (exported instanceof ContainerModule) return exported;
  const specs = Array.isArray(exported) ? exported : [exported];
  if (specs.length > 0 && specs.every(isPluginSpec)) return definePluginModule(reference, specs);
  const found = exported === undefined ? 'no default export' : `found: ${describe(exported)}`;
  throw new PluginLoadError(reference, `does not default-export a gemlab plugin (${found})`);
}

function isWrappedDefault(value: unknown): value is { default: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'default' in value && !isPluginSpec(value);
}

function isPluginSpec(value: unknown): value is AnyPluginSpec {
  if (typeof value !== 'object' || value === null) return false;
  const spec = value as Partial<AnyPluginSpec>;
  return (
    PLUGIN_KINDS.includes(spec.kind as AnyPluginSpec['kind']) &&
    typeof spec.name === 'string' &&
    typeof spec.create === 'function' &&
    typeof spec.schema === 'object'
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array that is not all plugin specs';
  if (value === null) return 'null';
  return typeof value;
}
