import type { PluginConfig, PluginContext, PluginKind, PluginProducts } from '../contracts/plugin.js';
import type { SeededRng } from '../random/seeded-rng.js';
import type { PluginRegistry } from './plugin-registry.js';

/**
 * The context a plugin's `create` receives. Nested plugins (the kernel of mmd) get a
 * generator derived from their parent's under their kind, so adding one never shifts another.
 */
export function createPluginContext(registry: PluginRegistry, rng: SeededRng, baseDir: string): PluginContext {
  const context: PluginContext = {
    rng,
    baseDir,
    create<K extends PluginKind>(kind: K, config: PluginConfig): PluginProducts[K] {
      return registry.create(kind, config, createPluginContext(registry, rng.derive(kind, config.name), baseDir));
    },
  };
  return context;
}
