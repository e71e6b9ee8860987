import { ContainerModule } from 'inversify';
import type { AnyPluginSpec } from '../contracts/plugin.js';

/** The inversify service id under which every plugin module binds its plugins. */
export const PLUGIN_ENTRY = Symbol.for('gemlab.plugin-entry');

/** A plugin and where it came from (a package name or a file), for duplicate errors. */
export interface PluginEntry {
  readonly spec: AnyPluginSpec;
  readonly source: string;
}

/**
 * Turns a package's list of plugins into the ContainerModule it contributes. `source` names
 * the package or file, so a duplicate name can say who registered it twice.
 */
export function definePluginModule(source: string, specs: readonly AnyPluginSpec[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const spec of specs) bind<PluginEntry>(PLUGIN_ENTRY).toConstantValue({ spec, source });
  });
}
