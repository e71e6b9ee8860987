import type { RunFilter } from '@gemlab/core';
import { SYSTEM_TAG } from '../../run-context/system-tags.js';

/** A tag name quoted for MLflow's search grammar, or undefined when it cannot be quoted safely. */
function quoteKey(key: string): string | undefined {
  if (!key.includes('"')) return `"${key}"`;
  if (!key.includes('`')) return `\`${key}\``;
  return undefined;
}

/** A string literal for the grammar (single quotes), or undefined when the value holds one. */
function quoteValue(value: string): string | undefined {
  return value.includes("'") || value.includes('\\') ? undefined : `'${value}'`;
}

/**
 * The `runs/search` filter for a RunFilter: `tags."mlflow.parentRunId" = '…' AND tags."k" = 'v'`.
 * Conditions that cannot be quoted safely are left out of the server filter; the caller checks
 * every condition again on the results (`matchesFilter`), so the answer is exact either way.
 */
export function searchFilter(filter: RunFilter): string | undefined {
  const conditions: string[] = [];
  const tags: Record<string, string> = { ...(filter.tags ?? {}) };
  if (filter.parentRunId !== undefined) tags[SYSTEM_TAG.parentRunId] = filter.parentRunId;
  for (const [key, value] of Object.entries(tags)) {
    const quotedKey = quoteKey(key);
    const quotedValue = quoteValue(value);
    if (quotedKey && quotedValue) conditions.push(`tags.${quotedKey} = ${quotedValue}`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}
