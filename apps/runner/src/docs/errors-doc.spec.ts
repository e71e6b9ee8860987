import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';

const root = repositoryRoot();

/** `super('GEMLAB_X'` and `GemlabError('GEMLAB_X'`, also when the code is on the next line. */
const THROWN_CODE = /(?:\bsuper|\bGemlabError)\(\s*['"`](GEMLAB_[A-Z0-9_]+)['"`]/g;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out-tsc', 'test-output', 'coverage']);

/** The non-test TypeScript and JavaScript sources of every package, app and example plugin. */
function sourceFiles(): string[] {
  const projects = ['packages', 'apps', 'examples/plugins'].flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name, 'src')) : [],
  );
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (/\.(m|c)?(t|j)s$/.test(entry.name) && !/\.(spec|test)\.[mc]?[tj]s$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  for (const dir of projects) if (existsSync(dir)) walk(dir);
  return files;
}

function thrownCodes(): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    for (const match of readFileSync(file, 'utf8').matchAll(THROWN_CODE)) {
      const code = match[1] as string;
      codes.set(code, [...(codes.get(code) ?? []), file.slice(root.length + 1)]);
    }
  }
  return codes;
}

/** `## GEMLAB_X` sections of docs/errors.md, with their text. */
function documentedCodes(): Map<string, string> {
  const text = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
  const sections = new Map<string, string>();
  const headings = [...text.matchAll(/^## (GEMLAB_[A-Z0-9_]+)[ \t]*$/gm)];
  headings.forEach((heading, i) => {
    const end = headings[i + 1]?.index ?? text.length;
    sections.set(heading[1] as string, text.slice(heading.index, end));
  });
  return sections;
}

describe('docs/errors.md', () => {
  const thrown = thrownCodes();
  const documented = documentedCodes();

  it('finds the codes in the sources, including ones written on the line after super(', () => {
    // Guards the scan itself: these are thrown in core (one line) and in the runner (two lines).
    expect([...thrown.keys()]).toEqual(expect.arrayContaining(['GEMLAB_CONFIG', 'GEMLAB_DATA', 'GEMLAB_SWEEP_CHANGED']));
  });

  it('documents every error code the sources throw', () => {
    const missing = [...thrown].filter(([code]) => !documented.has(code)).map(([code, files]) => `${code} (${files[0]})`);
    expect(missing, 'codes thrown but missing from docs/errors.md').toEqual([]);
  });

  it('documents no code that nothing throws any more', () => {
    expect([...documented.keys()].filter((code) => !thrown.has(code))).toEqual([]);
  });

  it('gives every code its cause, an example message and the fix', () => {
    for (const [code, section] of documented) {
      expect(section, code).toContain('**Cause.**');
      expect(section, code).toMatch(/\*\*Example\.\*\*\s*\n\s*```text\n[^`]*\S[^`]*```/);
      expect(section, code).toContain('**Fix.**');
    }
  });
});
