#!/usr/bin/env node
// Rewrites the generated parts of docs/ in place: the configuration and CLI references and every
// `<!-- include: PATH -->` code block. Runs the built runner: `npx nx run @gemlab/runner:build` first.
//   node scripts/generate-docs.mjs          rewrite the pages that changed
//   node scripts/generate-docs.mjs --check  exit 1 if any page is stale, write nothing
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

let reference;
try {
  reference = await import('../apps/runner/dist/docs/reference.js');
} catch (error) {
  console.error(`generate-docs: the runner is not built (${error.message}); run npx nx run @gemlab/runner:build`);
  process.exit(2);
}

const { pages, unused } = reference.renderDocsPages(repoRoot, await reference.docsReferenceBlocks());
if (unused.length > 0) {
  console.error(`generate-docs: no page places the generated block(s) ${unused.join(', ')}`);
  process.exit(1);
}
const stale = pages.filter((page) => page.current !== page.expected);
for (const page of stale) {
  if (check) console.error(`stale: ${page.path}`);
  else writeFileSync(join(repoRoot, page.path), page.expected);
}
console.log(
  check
    ? `${stale.length} of ${pages.length} pages stale`
    : `${stale.length} of ${pages.length} pages rewritten${stale.length ? `: ${stale.map((p) => p.path).join(', ')}` : ''}`,
);
process.exitCode = check && stale.length > 0 ? 1 : 0;
// tfjs keeps handles open; the work is done.
setImmediate(() => process.exit(process.exitCode));
