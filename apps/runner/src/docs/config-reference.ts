import { composeConfigSchema, type PluginKind, type PluginRegistry } from '@gemlab/core';
import { code, markdownTable } from './markdown.js';
import type { ReferenceBlocks } from './reference-blocks.js';
import {
  allowedText,
  branchesOf,
  defaultText,
  descriptionText,
  isSection,
  pluginKindOf,
  propertiesOf,
  type SchemaNode,
  typeText,
} from './schema-text.js';

/** The headings of docs/configuration.md that document each plugin kind (the generated tables link to them). */
const KIND_ANCHORS: Readonly<Record<string, string>> = {
  dataset: '#dataset',
  architecture: '#model',
  objective: '#objective',
  kernel: '#kernels',
  distance: '#distances',
};

const HEADER = ['key', 'type', 'default', 'allowed', 'description'];

/**
 * The generated parts of docs/configuration.md, from the config schema composed for `registry`:
 * `config/top-level` (the scalar keys and the list of sections), one block per section
 * (`config/training`, `config/sweep`, ...) and one per plugin kind (`config/dataset`, `config/model`,
 * `config/objective`, and the nested `config/kernel`, `config/distance`) with a subsection per plugin.
 * Keys are written as the dotted paths `--set` and `sweep.parameters` take.
 */
export function configurationReference(registry: PluginRegistry): ReferenceBlocks {
  const schema = composeConfigSchema(registry) as SchemaNode;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const blocks: Record<string, string> = {};
  const topRows: string[][] = [];
  const nested = new Map<string, NestedKind>();
  for (const [key, node] of propertiesOf(schema)) {
    const kind = pluginKindOf(node);
    if (kind) {
      topRows.push([
        code(key),
        kindLink(kind),
        defaultText(node, required.has(key)),
        '',
        `${code('{ name, ...params }')} of one ${kind}`,
      ]);
      blocks[`config/${key}`] = pluginKindSection(kind, key, node, registry);
      collectNestedKinds(node, key, nested);
    } else if (isSection(node)) {
      topRows.push([code(key), `[section](#${key})`, defaultText(node, required.has(key)), '', descriptionText(node)]);
      blocks[`config/${key}`] = markdownTable(HEADER, keyRows(node, key));
    } else {
      topRows.push(keyRow(key, node, required.has(key)));
    }
  }
  blocks['config/top-level'] = markdownTable(HEADER, topRows);
  for (const [kind, { uses, union }] of nested) {
    const where = uses.map((use) => `${code(use.path)} of ${code(use.owner)}`).join(', ');
    blocks[`config/${kind}`] = `Used at ${where}.\n\n${pluginKindSection(kind, uses[0]?.path ?? kind, union, registry)}`;
  }
  return blocks;
}

interface NestedKind {
  readonly uses: { readonly path: string; readonly owner: string }[];
  readonly union: SchemaNode;
}

function kindLink(kind: string): string {
  const anchor = KIND_ANCHORS[kind];
  return anchor ? `[${kind}](${anchor}) plugin` : `${kind} plugin`;
}

function pluginName(branch: SchemaNode): string {
  const name = propertiesOf(branch).find(([key]) => key === 'name')?.[1];
  return String(name?.const ?? '?');
}

/** Common keys once, then one `###` subsection per plugin with its own keys. */
function pluginKindSection(kind: string, path: string, union: SchemaNode, registry: PluginRegistry): string {
  const branches = branchesOf(union);
  const common = commonKeys(branches);
  const parts: string[] = [];
  if (common.size > 0) {
    const shared = withKeys(branches[0] as SchemaNode, (key) => common.has(key));
    parts.push(`Every ${kind} below takes these keys:\n\n${markdownTable(HEADER, keyRows(shared, path))}`);
  }
  for (const branch of branches) {
    const name = pluginName(branch);
    const own = withKeys(branch, (key) => key !== 'name' && !common.has(key));
    const rows = keyRows(own, path);
    const source = registry.has(kind as PluginKind, name) ? ` From ${code(registry.source(kind as PluginKind, name))}.` : '';
    const body = rows.length > 0 ? markdownTable(HEADER, rows) : 'No parameters of its own.';
    parts.push(`### ${name}\n\n${sentence(descriptionText(branch))}${source}\n\n${body}`);
  }
  return parts.join('\n\n');
}

/** Keys (other than `name`) that every plugin of the union declares identically. */
function commonKeys(branches: readonly SchemaNode[]): Set<string> {
  if (branches.length < 2) return new Set();
  const [first, ...rest] = branches as [SchemaNode, ...SchemaNode[]];
  const keys = propertiesOf(first)
    .filter(([key]) => key !== 'name')
    .filter(([key, node]) =>
      rest.every((branch) => {
        const other = propertiesOf(branch).find(([k]) => k === key)?.[1];
        return other !== undefined && JSON.stringify(other) === JSON.stringify(node);
      }),
    )
    .map(([key]) => key);
  return new Set(keys);
}

function withKeys(node: SchemaNode, keep: (key: string) => boolean): SchemaNode {
  return { ...node, properties: Object.fromEntries(propertiesOf(node).filter(([key]) => keep(key))) };
}

/** One row per key of an object section, nested sections flattened into dotted paths. */
function keyRows(section: SchemaNode, prefix: string): string[][] {
  const required = new Set((section.required as string[] | undefined) ?? []);
  return propertiesOf(section).flatMap(([key, node]) => {
    const path = `${prefix}.${key}`;
    if (isSection(node)) {
      const optional = !('default' in node) && !required.has(key);
      const own = optional ? [[code(path), 'section', '—', '', descriptionText(node) || 'optional section']] : [];
      return [...own, ...keyRows(node, path)];
    }
    const kind = pluginKindOf(node);
    if (kind) return [[code(path), kindLink(kind), defaultText(node, required.has(key)), '', descriptionText(node)]];
    return [keyRow(path, node, required.has(key))];
  });
}

function keyRow(path: string, node: SchemaNode, required: boolean): string[] {
  return [code(path), code(typeText(node)), defaultText(node, required), allowedText(node), descriptionText(node)];
}

/** Every plugin-kind union inside the plugins of `union` (e.g. the kernel of mmd), with where it is used. */
function collectNestedKinds(union: SchemaNode, prefix: string, found: Map<string, NestedKind>): void {
  for (const branch of branchesOf(union)) {
    const owner = pluginName(branch);
    const visit = (node: SchemaNode, path: string): void => {
      for (const [key, child] of propertiesOf(node)) {
        const childPath = `${path}.${key}`;
        const kind = pluginKindOf(child);
        if (kind) {
          const entry = found.get(kind) ?? { uses: [], union: child };
          entry.uses.push({ path: childPath, owner });
          found.set(kind, entry);
        } else if (isSection(child)) {
          visit(child, childPath);
        }
      }
    };
    visit(branch, prefix);
  }
}

/** A plugin description as a sentence: capitalised, ending with a full stop. */
function sentence(text: string): string {
  if (!text) return '';
  const capitalised = text[0]?.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
