import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors/config-error.js';

// One path segment: `.name`, `[index]`, or a quoted key `["a.b"]` / `['a.b']` for keys that hold dots
// (sweep.parameters["dataset.df"]). The first segment may omit its dot.
const SEGMENT = /\.?([A-Za-z_]\w*)|\[(\d+)\]|\["([^"]+)"\]|\['([^']+)'\]/y;

/** Splits 'model.hidden[0]' into ['model', 'hidden', 0], and 'sweep.parameters["dataset.df"]' into ['sweep', 'parameters', 'dataset.df']. */
export function parsePath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    // A leading dot, or a name glued to the previous segment without one, is malformed.
    const dotted = match?.[1] !== undefined && (path[start] === '.') === start > 0;
    if (!match || (match[1] !== undefined && !dotted)) {
      throw new ConfigError([
        {
          path,
          message: 'is not a dotted config path (like model.nClusters, model.hidden[0] or sweep.parameters["dataset.df"])',
        },
      ]);
    }
    parts.push(match[2] !== undefined ? Number(match[2]) : ((match[1] ?? match[3] ?? match[4]) as string));
  }
  if (parts.length === 0) throw new ConfigError([{ path, message: 'is not a dotted config path (it is empty)' }]);
  return parts;
}

/** Sets `value` at a dotted path in a plain object, creating intermediate objects. Returns the object. */
export function setPath<T extends object>(target: T, path: string, value: unknown): T {
  const parts = parsePath(path);
  let node: Record<string | number, unknown> = target as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string | number;
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = typeof parts[i + 1] === 'number' ? [] : {};
    node = node[part] as Record<string | number, unknown>;
  }
  node[parts[parts.length - 1] as string | number] = value;
  return target;
}

/** Reads the value at a dotted path, or undefined. */
export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of parsePath(path)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Applies `--set path=value` overrides (values parsed as YAML scalars: 8, 1e-3, true, [1,2], tv). */
export function applyOverrides<T extends object>(config: T, overrides: readonly string[]): T {
  const out = structuredClone(config);
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) throw new ConfigError([{ path: override, message: '--set needs the form path=value (e.g. model.nClusters=8)' }]);
    const path = override.slice(0, eq).trim();
    const text = override.slice(eq + 1);
    let value: unknown;
    try {
      value = text === '' ? '' : parseYaml(text);
    } catch {
      value = text;
    }
    setPath(out, path, value);
  }
  return out;
}
