// Generators of gemlab's reference documentation (docs/configuration.md, docs/cli.md) and of the
// code blocks the guides inline. scripts/generate-docs.mjs runs them from the built runner;
// reference.spec.ts fails when a page differs from what they would write now.

export { cliReference } from './cli-reference.js';
export { configurationReference } from './config-reference.js';
export { type DocsPage, docsReferenceBlocks, renderDocsPages } from './docs-pages.js';
export { renderGeneratedBlocks } from './generated-blocks.js';
export { renderIncludes } from './includes.js';
export type { ReferenceBlocks } from './reference-blocks.js';
