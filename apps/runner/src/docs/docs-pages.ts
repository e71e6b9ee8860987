import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../cli/program.js';
import { createRegistry } from '../config/builtin-modules.js';
import { cliReference } from './cli-reference.js';
import { configurationReference } from './config-reference.js';
import { renderGeneratedBlocks } from './generated-blocks.js';
import { renderIncludes } from './includes.js';
import type { ReferenceBlocks } from './reference-blocks.js';

/** A page of docs/ as it is on disk and as the generators would write it now. */
export interface DocsPage {
  /** Relative to the repository root, '/'-separated. */
  readonly path: string;
  readonly current: string;
  readonly expected: string;
}

/** Every generated block, from the built-in plugins and the CLI definition (no external plugins). */
export async function docsReferenceBlocks(): Promise<ReferenceBlocks> {
  const registry = await createRegistry();
  const program = buildProgram('0.0.0', () => undefined);
  return { ...configurationReference(registry), ...cliReference(program) };
}

/**
 * Renders every Markdown page of `<repoRoot>/docs`: generated blocks first, then includes.
 * `unused` lists the generated blocks that no page places (each must appear somewhere).
 */
export function renderDocsPages(repoRoot: string, blocks: ReferenceBlocks): { pages: DocsPage[]; unused: string[] } {
  const used = new Set<string>();
  const pages = readdirSync(join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const path = `docs/${name}`;
      const current = readFileSync(join(repoRoot, path), 'utf8');
      const generated = renderGeneratedBlocks(current, blocks, path);
      for (const name of generated.used) used.add(name);
      return { path, current, expected: renderIncludes(generated.markdown, repoRoot, path) };
    });
  return { pages, unused: Object.keys(blocks).filter((name) => !used.has(name)) };
}
