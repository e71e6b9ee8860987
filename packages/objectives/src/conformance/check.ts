import type { AnyPluginSpec } from '@gemlab/core';
import { it } from 'vitest';

/**
 * Registers one named conformance check: a plain `it`, or `it.fails` with the reason when the
 * plugin declares the check in `expectedFailures`, so the report shows why and an unexpected
 * pass is flagged. Checks are never skipped, and never special-cased by plugin name.
 */
export function check(spec: AnyPluginSpec, name: string, body: () => void | Promise<void>): void {
  const reason = spec.expectedFailures?.[name];
  if (reason) it.fails(`${name} [expected failure: ${reason}]`, body);
  else it(name, body);
}
