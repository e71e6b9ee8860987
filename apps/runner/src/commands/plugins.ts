import { ConfigError, PLUGIN_KINDS, type PluginKind } from '@gemlab/core';
import { printJson, textTable } from '../cli/output.js';
import { createRegistry } from '../config/builtin-modules.js';

/** `gemlab plugins`: every registered plugin (built-in and from --plugin), with description and schema. */
export async function pluginsCommand(options: { kind?: string; json: boolean; plugin: readonly string[] }): Promise<number> {
  if (options.kind && !PLUGIN_KINDS.includes(options.kind as PluginKind)) {
    throw new ConfigError([{ path: '--kind', message: `must be one of ${PLUGIN_KINDS.join(', ')}. Got '${options.kind}'` }]);
  }
  const registry = await createRegistry(options.plugin, process.cwd());
  const kinds = options.kind ? [options.kind as PluginKind] : PLUGIN_KINDS;
  const plugins = kinds.flatMap((kind) =>
    registry.list(kind).map((spec) => ({
      kind,
      name: spec.name,
      description: spec.description,
      source: registry.source(kind, spec.name),
      schema: JSON.parse(JSON.stringify(spec.schema)) as unknown,
    })),
  );
  if (options.json) printJson(plugins);
  else
    process.stdout.write(
      `${textTable(
        ['kind', 'name', 'source', 'description'],
        plugins.map((p) => [p.kind, p.name, p.source, p.description]),
      )}\n`,
    );
  return 0;
}
