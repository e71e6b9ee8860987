/**
 * A region of a Markdown page between an opening marker line `<!-- TAG: ARGUMENT -->` and the
 * next closing line `<!-- /TAG -->`. Markers count only on lines of their own, so a page can
 * mention the syntax inline without triggering it.
 */
export interface MarkedBlock {
  readonly argument: string;
  /** Offsets of the body: from just after the opening line to the start of the closing line. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** 1-based line of the opening marker, for error messages. */
  readonly line: number;
}

export function findMarkedBlocks(markdown: string, tag: string, where: string): MarkedBlock[] {
  const opening = new RegExp(`^<!-- ${tag}: (.+?) -->[ \\t]*$`, 'gm');
  const closing = new RegExp(`^<!-- /${tag} -->[ \\t]*$`, 'gm');
  const blocks: MarkedBlock[] = [];
  let searchFrom = 0;
  for (;;) {
    opening.lastIndex = searchFrom;
    const open = opening.exec(markdown);
    if (!open) break;
    const line = markdown.slice(0, open.index).split('\n').length;
    const bodyStart = open.index + open[0].length + 1;
    closing.lastIndex = bodyStart - 1;
    const close = closing.exec(markdown);
    opening.lastIndex = bodyStart;
    const nextOpen = opening.exec(markdown);
    if (!close || (nextOpen && nextOpen.index < close.index)) {
      throw new Error(`${where}:${line}: '<!-- ${tag}: ${open[1]} -->' has no '<!-- /${tag} -->' before the next block`);
    }
    blocks.push({
      argument: (open[1] as string).trim(),
      bodyStart: Math.min(bodyStart, close.index),
      bodyEnd: close.index,
      line,
    });
    searchFrom = close.index + close[0].length;
  }
  return blocks;
}

/** Replaces every block's body with `render(block)` (which gets its own trailing newline). */
export function replaceMarkedBlocks(
  markdown: string,
  tag: string,
  where: string,
  render: (block: MarkedBlock) => string,
): string {
  let out = '';
  let cursor = 0;
  for (const block of findMarkedBlocks(markdown, tag, where)) {
    out += markdown.slice(cursor, block.bodyStart);
    out += `${render(block).replace(/\n*$/, '')}\n`;
    cursor = block.bodyEnd;
  }
  return out + markdown.slice(cursor);
}
