import type { ErrorObject } from 'ajv';
import type { ConfigProblem } from '../errors/config-error.js';
import { PLUGIN_KIND_KEY } from './compose-schema.js';

/**
 * Turns ajv's `allErrors` output into one line per problem, all from one template:
 * the dotted path, what is allowed, what was given (`objective.kernel.gamma: must be > 0. Got -1`).
 * No plugin words its own errors, so every plugin gets the same quality.
 */
export function formatAjvErrors(errors: readonly ErrorObject[]): ConfigProblem[] {
  const problems = new Map<string, ConfigProblem>();
  // An anyOf reports every failed branch and then itself: keep its one summary line.
  const alternatives = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  for (const error of errors) {
    if (alternatives.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const problem = formatOne(error);
    if (problem) problems.set(`${problem.path}\u0000${problem.message}`, problem);
  }
  return [...problems.values()];
}

function formatOne(error: ErrorObject): ConfigProblem | undefined {
  const path = toDottedPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as object) ?? {});
      return { path: join(path, key), message: `unknown key${suggest(key, allowed)}; allowed: ${allowed.join(', ')}` };
    }
    case 'discriminator': {
      const kind = String(parent[PLUGIN_KIND_KEY] ?? 'plugin');
      const known = ((parent.oneOf as { properties: { name: { const: string } } }[]) ?? []).map((b) => b.properties.name.const);
      if (params.error === 'tag')
        return { path: join(path, 'name'), message: `is required (a ${kind} name: ${known.join(', ')})` };
      const given = String(params.tagValue);
      return {
        path: join(path, 'name'),
        message: `unknown ${kind} '${given}'${suggest(given, known)}; known: ${known.join(', ')}`,
      };
    }
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}. Got ${show(error.data)}`,
      };
    case 'const':
      return { path, message: `must be ${show(params.allowedValue)}. Got ${show(error.data)}` };
    case 'anyOf':
      return { path, message: `${describeAlternatives(parent)}. Got ${show(error.data)}` };
    case 'oneOf':
    case 'if':
    case 'not':
      return undefined; // the branch errors say more
    default: {
      const message = error.message ?? 'is invalid';
      return { path, message: `${message}. Got ${show(error.data)}` };
    }
  }
}

/** '/model/hidden/0' -> 'model.hidden[0]' */
export function toDottedPath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describeAlternatives(schema: Record<string, unknown>): string {
  const literals = ((schema.anyOf as { const?: unknown }[]) ?? []).map((b) => b.const);
  if (literals.length > 0 && literals.every((v) => v !== undefined)) return `must be one of ${literals.map(show).join(', ')}`;
  const branches = (schema.anyOf as { const?: unknown; description?: string; type?: string }[]) ?? [];
  return `must be ${branches.map((b) => (b.const !== undefined ? show(b.const) : (b.description ?? `a ${b.type}`))).join(' or ')}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** " (did you mean 'tv'?)" when a known name is one or two edits away. */
export function suggest(given: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(given.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
