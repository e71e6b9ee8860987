import { Container, type ContainerModule } from 'inversify';
import type { AnyPluginSpec, PluginConfig, PluginContext, PluginKind, PluginProducts } from '../contracts/plugin.js';
import { DuplicatePluginError, UnknownPluginError } from '../errors/plugin-errors.js';
import { PLUGIN_ENTRY, type PluginEntry } from './plugin-module.js';

/**
 * Every plugin available to a run, by kind and name. Built from one inversify container that
 * loads the built-in modules plus the external ones of the config's `plugins:` list; each
 * registry owns its container, so tests never share global state.
 */
export class PluginRegistry {
  private readonly byKind = new Map<PluginKind, Map<string, PluginEntry>>();

  constructor(modules: readonly ContainerModule[]) {
    const container = new Container({ defaultScope: 'Singleton' });
    container.load(...modules);
    for (const entry of container.getAll<PluginEntry>(PLUGIN_ENTRY)) {
      const { kind, name } = entry.spec;
      let named = this.byKind.get(kind);
      if (!named) {
        named = new Map();
        this.byKind.set(kind, named);
      }
      const existing = named.get(name);
      if (existing) throw new DuplicatePluginError(kind, name, existing.source, entry.source);
      named.set(name, entry);
    }
  }

  /** Plugins of one kind, sorted by name. */
  list(kind: PluginKind): AnyPluginSpec[] {
    return this.names(kind).map((name) => this.get(kind, name));
  }

  names(kind: PluginKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  has(kind: PluginKind, name: string): boolean {
    return this.byKind.get(kind)?.has(name) ?? false;
  }

  get(kind: PluginKind, name: string): AnyPluginSpec {
    const entry = this.byKind.get(kind)?.get(name);
    if (!entry) throw new UnknownPluginError(kind, name, this.names(kind));
    return entry.spec;
  }

  /** The package or file that registered a plugin. */
  source(kind: PluginKind, name: string): string {
    this.get(kind, name);
    return this.byKind.get(kind)?.get(name)?.source as string;
  }

  schema(kind: PluginKind, name: string): AnyPluginSpec['schema'] {
    return this.get(kind, name).schema;
  }

  /** Creates a plugin instance from a validated config section `{ name, ...params }`. */
  create<K extends PluginKind>(kind: K, config: PluginConfig, ctx: PluginContext): PluginProducts[K] {
    const { name, ...params } = config;
    return this.get(kind, name).create(params, ctx) as PluginProducts[K];
  }
}
