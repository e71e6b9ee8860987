import { ConfigError } from '@gemlab/core';

/** A parameter's search space as written under `sweep.parameters`. */
export type SweepValues =
  | readonly unknown[]
  | string
  | { readonly uniform: readonly [number, number] }
  | { readonly logUniform: readonly [number, number] }
  | { readonly int: readonly [number, number] }
  | { readonly choice: readonly unknown[] };

/** `range(a, b[, step])`, b excluded, as in Python. */
export function parseRange(text: string, path: string): number[] {
  const match = /^\s*range\(\s*(-?[\d.e+-]+)\s*,\s*(-?[\d.e+-]+)\s*(?:,\s*(-?[\d.e+-]+)\s*)?\)\s*$/.exec(text);
  const fail = (why: string) => new ConfigError([{ path: `sweep.parameters.${path}`, message: `${why}. Got '${text}'` }]);
  if (!match) throw fail('must be a list or range(a, b[, step])');
  const [start, stop, step] = [Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3])];
  if (![start, stop, step].every(Number.isFinite) || step === 0) throw fail('range needs finite numbers and a non-zero step');
  const values: number[] = [];
  for (let i = 0; ; i++) {
    const value = Number((start + i * step).toPrecision(12));
    if (step > 0 ? value >= stop : value <= stop) break;
    values.push(value);
    if (values.length > 100_000) throw fail('range has more than 100000 values');
  }
  if (values.length === 0) throw fail('range is empty');
  return values;
}

/** The finite list of values a grid iterates over. */
export function gridValues(values: SweepValues, path: string): readonly unknown[] {
  if (Array.isArray(values)) return values;
  if (typeof values === 'string') return parseRange(values, path);
  if ('choice' in values) return values.choice;
  if ('int' in values) return parseRange(`range(${values.int[0]}, ${values.int[1] + 1})`, path);
  throw new ConfigError([
    { path: `sweep.parameters.${path}`, message: 'uniform and logUniform are continuous: use strategy: random' },
  ]);
}
