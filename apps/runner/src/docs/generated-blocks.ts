import { replaceMarkedBlocks } from './marked-blocks.js';
import type { ReferenceBlocks } from './reference-blocks.js';

/**
 * Fills every `<!-- generated: NAME -->` … `<!-- /generated -->` block of a page with
 * `blocks[NAME]`. A name the generators do not produce is an error (a typo would otherwise
 * leave a stale block in place). Returns the page and the names it used.
 */
export function renderGeneratedBlocks(
  markdown: string,
  blocks: ReferenceBlocks,
  where = 'markdown',
): { readonly markdown: string; readonly used: ReadonlySet<string> } {
  const used = new Set<string>();
  const rendered = replaceMarkedBlocks(markdown, 'generated', where, (block) => {
    const body = blocks[block.argument];
    if (body === undefined) {
      const known = Object.keys(blocks).sort().join(', ');
      throw new Error(`${where}:${block.line}: no generated block '${block.argument}'; known: ${known}`);
    }
    used.add(block.argument);
    return body;
  });
  return { markdown: rendered, used };
}
