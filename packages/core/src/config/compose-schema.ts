import { Type } from '@sinclair/typebox';
import type { PluginKind } from '../contracts/plugin.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { PLUGIN_REF_KEY } from './plugin-ref.js';
import { PreprocessSchema, RunConfigSchema } from './run-config-schema.js';

type JsonSchema = Record<string, unknown>;

/** Annotation on each union, so error messages can say "unknown kernel 'x'". */
export const PLUGIN_KIND_KEY = 'x-gemlab-kind';

/** Params every plugin of a kind takes, in addition to its own. */
const COMMON_PARAMS: Partial<Record<PluginKind, { properties: JsonSchema; required: string[] }>> = {
  architecture: {
    properties: { nClusters: Type.Integer({ minimum: 1, description: 'number of clusters K (a maximum)' }) },
    required: ['nClusters'],
  },
  dataset: { properties: { preprocess: PreprocessSchema }, required: [] },
};

/**
 * The one JSON Schema of a run config for the plugins in `registry`: every plugin-ref
 * (`dataset`, `model`, `objective`, `kernel:` of mmd, ...) becomes a discriminated union on
 * `name` of that kind's registered plugins, each branch the plugin's own params schema.
 */
export function composeConfigSchema(registry: PluginRegistry): JsonSchema {
  const schema = expandRefs(plain(RunConfigSchema), registry, new Set());
  schema.required = ['dataset', 'model', 'objective'];
  return schema;
}

/** The schema of one kind's union alone (for `gemlab plugins` and the generated docs). */
export function composeKindSchema(registry: PluginRegistry, kind: PluginKind): JsonSchema {
  return union(kind, registry, new Set());
}

function union(kind: PluginKind, registry: PluginRegistry, expanding: Set<PluginKind>): JsonSchema {
  const common = COMMON_PARAMS[kind];
  const branches = registry.list(kind).map((spec) => {
    const own = expandRefs(plain(spec.schema), registry, new Set([...expanding, kind]));
    return {
      ...own,
      type: 'object',
      description: spec.description,
      properties: { name: { const: spec.name }, ...(own.properties as JsonSchema), ...common?.properties },
      required: ['name', ...((own.required as string[]) ?? []), ...(common?.required ?? [])],
      additionalProperties: false,
    };
  });
  if (branches.length === 0) return { [PLUGIN_KIND_KEY]: kind, not: {} };
  return {
    [PLUGIN_KIND_KEY]: kind,
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' } },
    discriminator: { propertyName: 'name' },
    oneOf: branches,
  };
}

function expandRefs(node: JsonSchema, registry: PluginRegistry, expanding: Set<PluginKind>): JsonSchema {
  const kind = node[PLUGIN_REF_KEY] as PluginKind | undefined;
  if (kind) {
    const { [PLUGIN_REF_KEY]: _marker, ...rest } = node;
    // A kernel plugin whose params contain a kernel would recurse forever; refuse it clearly.
    if (expanding.has(kind)) throw new Error(`plugin schema of kind '${kind}' refers to its own kind`);
    return { ...union(kind, registry, expanding), ...rest };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) out[key] = value.map((v) => (isObject(v) ? expandRefs(v, registry, expanding) : v));
    else if (isObject(value)) out[key] = expandRefs(value, registry, expanding);
    else out[key] = value;
  }
  return out;
}

/** A JSON copy without TypeBox's symbol keys. */
function plain(schema: object): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
