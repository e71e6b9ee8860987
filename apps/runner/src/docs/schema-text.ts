// JSON Schema nodes of the composed config schema, put into words for the reference tables.
import { code, flowValue } from './markdown.js';

/** The annotation composeConfigSchema puts on every plugin union (core does not export the key). */
const PLUGIN_KIND_KEY = 'x-gemlab-kind';

export type SchemaNode = Readonly<Record<string, unknown>>;

const asNode = (value: unknown): SchemaNode | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SchemaNode) : undefined;

export const branchesOf = (node: SchemaNode): SchemaNode[] =>
  Array.isArray(node.anyOf) ? (node.anyOf as SchemaNode[]) : Array.isArray(node.oneOf) ? (node.oneOf as SchemaNode[]) : [];

export const propertiesOf = (node: SchemaNode): [string, SchemaNode][] =>
  Object.entries(asNode(node.properties) ?? {}).map(([key, value]) => [key, value as SchemaNode]);

export const pluginKindOf = (node: SchemaNode): string | undefined =>
  typeof node[PLUGIN_KIND_KEY] === 'string' ? (node[PLUGIN_KIND_KEY] as string) : undefined;

/** A plain object section whose keys the reference lists one by one (not a plugin union, not a map). */
export const isSection = (node: SchemaNode): boolean =>
  node.type === 'object' && asNode(node.properties) !== undefined && pluginKindOf(node) === undefined;

/** The literal values of an enum written as a union of consts (possibly nested), or undefined. */
export function enumValues(node: SchemaNode): unknown[] | undefined {
  if ('const' in node) return [node.const];
  if (Array.isArray(node.enum)) return node.enum as unknown[];
  const branches = branchesOf(node);
  if (branches.length === 0) return undefined;
  const values: unknown[] = [];
  for (const branch of branches) {
    const inner = enumValues(branch);
    if (!inner) return undefined;
    values.push(...inner);
  }
  return values;
}

/** `integer`, `string[]`, `[number, number]`, `integer or number[][]`, `kernel plugin`. */
export function typeText(node: SchemaNode): string {
  const kind = pluginKindOf(node);
  if (kind) return `${kind} plugin`;
  const values = enumValues(node);
  if (values) return [...new Set(values.map((v) => (v === null ? 'null' : typeof v)))].join(' or ');
  const branches = branchesOf(node);
  if (branches.length > 0) return [...new Set(branches.map(typeText))].join(' or ');
  if (node.type === 'array') {
    if (Array.isArray(node.items)) return `[${(node.items as SchemaNode[]).map(typeText).join(', ')}]`;
    const items = asNode(node.items);
    if (!items) return 'list';
    const inner = typeText(items);
    return inner.includes(' ') && !inner.startsWith('{') ? `(${inner})[]` : `${inner}[]`;
  }
  if (node.type === 'object') {
    const patterns = asNode(node.patternProperties);
    if (patterns) return 'map';
    const properties = propertiesOf(node);
    if (properties.length > 0) return `{ ${properties.map(([key, value]) => `${key}: ${typeText(value)}`).join(', ')} }`;
    return 'object';
  }
  return typeof node.type === 'string' ? node.type : 'any';
}

/** What values pass: bounds, lengths, enums, patterns (empty when anything of the type does). */
export function allowedText(node: SchemaNode): string {
  const values = enumValues(node);
  if (values) return values.map((v) => code(flowValue(v))).join(', ');
  const branches = branchesOf(node);
  if (branches.length > 0) return unionAllowedText(branches);
  const patterns = asNode(node.patternProperties);
  if (patterns) {
    return Object.entries(patterns)
      .map(([pattern, value]) => `keys matching ${code(pattern)}; values ${typeText(value as SchemaNode)}`)
      .join('; ');
  }
  const own = [...numberBounds(node), ...lengthBounds(node)];
  if (typeof node.pattern === 'string') own.push(`matches ${code(node.pattern)}`);
  const items = asNode(node.items);
  const inner = items ? allowedText(items) : '';
  const text = own.join(', ');
  // number[][] whose every level must be non-empty reads better once than as "non-empty, each non-empty".
  if (inner && (inner === text || inner === `${text} (every level)`)) return `${text} (every level)`;
  return [text, inner && `each ${inner}`].filter(Boolean).join(', ');
}

/** `a: ≥ 1; b[]: non-empty`, with "X (or a list of them)" where a branch is a list of another branch's values. */
function unionAllowedText(branches: readonly SchemaNode[]): string {
  const texts = branches.map(allowedText);
  const parts: string[] = [];
  branches.forEach((branch, i) => {
    const text = texts[i] as string;
    if (!text) return;
    if (text.startsWith('each ') && texts.includes(text.slice(5))) return;
    const listed = texts.includes(`each ${text}`);
    parts.push(listed ? `${text} (or a list of them)` : `${typeText(branch)}: ${text}`);
  });
  return [...new Set(parts)].join('; ');
}

function numberBounds(node: SchemaNode): string[] {
  const bounds: [string, string][] = [
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
  ];
  return bounds.filter(([key]) => typeof node[key] === 'number').map(([key, sign]) => `${sign} ${flowValue(node[key])}`);
}

function lengthBounds(node: SchemaNode): string[] {
  const parts: string[] = [];
  const tuple = Array.isArray(node.items) && node.minItems === node.maxItems;
  if (!tuple) {
    if (node.minItems === 1) parts.push('non-empty');
    else if (typeof node.minItems === 'number' && node.minItems > 1) parts.push(`at least ${node.minItems} items`);
    if (typeof node.maxItems === 'number') parts.push(`at most ${node.maxItems} items`);
  }
  if (node.minLength === 1) parts.push('non-empty');
  else if (typeof node.minLength === 'number' && node.minLength > 1) parts.push(`at least ${node.minLength} characters`);
  if (typeof node.maxLength === 'number') parts.push(`at most ${node.maxLength} characters`);
  return parts;
}

/** The default as YAML writes it, `required`, or `—` (optional, no default). */
export function defaultText(node: SchemaNode, required: boolean): string {
  if ('default' in node) return code(flowValue(node.default));
  return required ? 'required' : '—';
}

export function descriptionText(node: SchemaNode): string {
  return typeof node.description === 'string' ? node.description : '';
}
