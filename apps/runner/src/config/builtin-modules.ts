import { loadPlugins, PluginRegistry } from '@gemlab/core';
import { datasetsModule } from '@gemlab/datasets';
import { modelsModule } from '@gemlab/models';
import { objectivesModule } from '@gemlab/objectives';

/** Every plugin gemlab ships. */
export const builtinModules = [objectivesModule, modelsModule, datasetsModule];

/** A registry of the built-ins plus the external plugins named by `plugins:` (resolved from baseDir). */
export async function createRegistry(pluginReferences: readonly string[] = [], baseDir = process.cwd()): Promise<PluginRegistry> {
  const external = await loadPlugins(pluginReferences, baseDir);
  return new PluginRegistry([...builtinModules, ...external]);
}
