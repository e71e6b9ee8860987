import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { replaceMarkedBlocks } from './marked-blocks.js';

const LANGUAGES: Readonly<Record<string, string>> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.js': 'js',
  '.mjs': 'js',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.sh': 'bash',
  '.md': 'markdown',
  '.csv': 'csv',
};

/**
 * Inlines repository files into a page: the body of every `<!-- include: PATH -->` …
 * `<!-- /include -->` block becomes a fenced code block holding the file at PATH (relative to
 * `repoRoot`) exactly as it is, so a guide's code cannot drift from the code it describes.
 */
export function renderIncludes(markdown: string, repoRoot: string, where = 'markdown'): string {
  return replaceMarkedBlocks(markdown, 'include', where, (block) => {
    const path = resolve(repoRoot, block.argument);
    const inside = relative(repoRoot, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`${where}:${block.line}: include '${block.argument}' is outside the repository`);
    }
    if (!existsSync(path)) throw new Error(`${where}:${block.line}: include '${block.argument}' does not exist`);
    return fencedCode(readFileSync(path, 'utf8'), LANGUAGES[extname(path)] ?? '');
  });
}

/** A fence longer than any backtick run in the text, so the file cannot close it early. */
function fencedCode(text: string, language: string): string {
  const longest = Math.max(0, ...(text.match(/^ {0,3}`{3,}/gm) ?? []).map((run) => run.trim().length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\n*$/, '')}\n${fence}`;
}
