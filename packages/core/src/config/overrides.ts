import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors/config-error.js';

/** Splits 'model.hidden[0]' into ['model', 'hidden', 0]. */
export function parsePath(path: string): (string | number)[] {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*|\[\d+\])*$/.test(path)) {
    throw new ConfigError([{ path, message: 'is not a dotted config path (like model.nClusters or model.hidden[0])' }]);
  }
  return path.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
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
