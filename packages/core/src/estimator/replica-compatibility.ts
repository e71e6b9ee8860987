/**
 * Which settings trials may differ in and still train as replicas of one program: the seed,
 * K, the learning rate and the objective's scalar params. Everything else (architecture and
 * its params, data, epochs, batch size, optimizer kind and β/ε/momentum, early stopping, the
 * objective's name, mode and nested plugins' names) must be equal.
 */

/**
 * A JSON-like value with its numbers replaced by a marker: equal skeletons differ only in scalars.
 * Key order is left as it is; compare skeletons through `sortedJson` (or another sorted-key JSON).
 */
export function withoutScalars(value: unknown): unknown {
  if (typeof value === 'number') return '#';
  if (Array.isArray(value)) return value.map(withoutScalars);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, withoutScalars(inner)]),
    );
  }
  return value;
}

/** Deterministic JSON (sorted keys, undefined dropped), for comparing configs. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, sortKeys(inner)]),
    );
  }
  return value;
}
