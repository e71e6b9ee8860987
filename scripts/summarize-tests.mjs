// Sums the vitest JSON reports of every project into the closing line CI reads:
// `N passed, N failed` (plus skipped). Fails when a project wrote no report, or, in CI,
// when a test was skipped: a test that needs a service must get it or fail.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps', 'examples/plugins'];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'vitest.config.ts'))) continue;
    const report = join(dir, 'test-output', 'vitest.json');
    if (!existsSync(report)) {
      missing.push(dir);
      continue;
    }
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    // A file that failed to load has no failed assertion but must still count as a failure.
    const brokenFiles = (r.testResults ?? []).filter(
      (t) => t.status === 'failed' && !t.assertionResults?.some((a) => a.status === 'failed'),
    );
    failed += r.numFailedTests + brokenFiles.length;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
}
if (missing.length) console.error(`no test report from: ${missing.join(', ')}`);
const skippedNote = skipped ? `, ${skipped} skipped` : '';
console.log(`${passed} passed, ${failed} failed${skippedNote}`);
process.exit(failed > 0 || missing.length > 0 || (process.env.CI && skipped > 0) ? 1 : 0);
