import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnyPluginSpec,
  defineKernel,
  defineObjective,
  definePluginModule,
  PLUGIN_KINDS,
  PluginRegistry,
  pluginRef,
  Type,
} from '@gemlab/core';
import { repositoryRoot } from '@gemlab/core/testing';
import { Command, Option } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/program.js';
import { createRegistry } from '../config/builtin-modules.js';
import {
  cliReference,
  configurationReference,
  docsReferenceBlocks,
  type ReferenceBlocks,
  renderDocsPages,
  renderGeneratedBlocks,
  renderIncludes,
} from './reference.js';

const root = repositoryRoot();

describe('docs/ is what the generators write now', () => {
  let blocks: ReferenceBlocks;
  beforeAll(async () => {
    blocks = await docsReferenceBlocks();
  });

  it('every generated block and include block is up to date', () => {
    const { pages } = renderDocsPages(root, blocks);
    expect(pages.map((p) => p.path)).toEqual(expect.arrayContaining(['docs/cli.md', 'docs/configuration.md']));
    for (const page of pages) {
      expect(page.current, `${page.path}: docs are stale: run node scripts/generate-docs.mjs`).toBe(page.expected);
    }
  });

  it('every generated block is placed on some page', () => {
    expect(renderDocsPages(root, blocks).unused).toEqual([]);
  });

  it('links to headings point at headings that exist', () => {
    const { pages } = renderDocsPages(root, blocks);
    const anchors = new Map(pages.map((page) => [page.path.slice('docs/'.length), new Set(headingAnchors(page.expected))]));
    for (const page of pages) {
      for (const [, file, anchor] of page.expected.matchAll(/\]\(([\w-]+\.md)?#([^)\s]+)\)/g)) {
        const target = file ?? page.path.slice('docs/'.length);
        expect(anchors.get(target), `${page.path} links to ${target}#${anchor}`).toContain(anchor);
      }
    }
  });
});

describe('configurationReference', () => {
  // A registry whose every schema the test controls: one objective with a nested kernel, two kernels.
  const kernelA = defineKernel({
    name: 'kernel-a',
    description: 'first test kernel',
    schema: Type.Object({ gamma: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'γ > 0' })) }),
    create: () => ({ scope: 'batch', compute: (x) => x }),
  });
  const kernelB = defineKernel({
    name: 'kernel-b',
    description: 'second test kernel',
    schema: Type.Object({}),
    create: () => ({ scope: 'batch', compute: (x) => x }),
  });
  const mode = () => Type.Union([Type.Literal('ova'), Type.Literal('ovo')], { default: 'ova', description: 'which form' });
  const objective = defineObjective({
    name: 'toy',
    description: 'a toy GEMINI',
    schema: Type.Object({
      mode: mode(),
      weights: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, default: [2, 3] }),
      kernel: pluginRef('kernel', { default: { name: 'kernel-a' }, description: 'its kernel' }),
    }),
    create: () => ({ affinity: 'none', evaluate: () => undefined as never }),
  });
  const other = defineObjective({
    name: 'other',
    description: 'another GEMINI.',
    schema: Type.Object({ mode: mode(), level: Type.Number({ minimum: 0, maximum: 1 }) }),
    create: () => ({ affinity: 'none', evaluate: () => undefined as never }),
  });
  const registry = () =>
    new PluginRegistry([definePluginModule('test-module', [kernelA, kernelB, objective, other] as AnyPluginSpec[])]);

  it('writes a row per key with type, default, allowed values and description', () => {
    const block = configurationReference(registry())['config/objective'] as string;
    expect(block).toContain('### toy\n\nA toy GEMINI. From `test-module`.');
    expect(block).toContain('| `objective.weights` | `integer[]` | `[2, 3]` | non-empty, each ≥ 1 |  |');
    expect(block).toContain('| `objective.kernel` | [kernel](#kernels) plugin | `{ name: kernel-a }` |  | its kernel |');
    expect(block).toContain('### other\n\nAnother GEMINI. From `test-module`.');
    expect(block).toContain('| `objective.level` | `number` | required | ≥ 0, ≤ 1 |  |');
  });

  it('lists the keys every plugin of a kind shares once, before the plugins', () => {
    const block = configurationReference(registry())['config/objective'] as string;
    const shared = '| `objective.mode` | `string` | `ova` | `ova`, `ovo` | which form |';
    expect(block.startsWith('Every objective below takes these keys:')).toBe(true);
    expect(block.split(shared)).toHaveLength(2);
    expect(block.indexOf(shared)).toBeLessThan(block.indexOf('### other'));
  });

  it('gives nested plugin kinds their own block, keyed by the path where they are used', () => {
    const block = configurationReference(registry())['config/kernel'] as string;
    expect(block.startsWith('Used at `objective.kernel` of `toy`.')).toBe(true);
    expect(block).toContain('| `objective.kernel.gamma` | `number` | — | > 0 | γ > 0 |');
    expect(block).toContain('### kernel-b\n\nSecond test kernel. From `test-module`.\n\nNo parameters of its own.');
  });

  it('documents the top-level keys and leaves a kind without plugins empty', () => {
    const blocks = configurationReference(registry());
    expect(blocks['config/model']).toBe('');
    expect(blocks['config/top-level']).toContain('| `seed` | `integer` | `0` | ≥ 0, ≤ 4294967295 |  |');
    expect(blocks['config/top-level']).toContain('| `dataset` | [dataset](#dataset) plugin | required |');
    expect(blocks['config/training']).toContain('| `training.vat` | section | — |  | optional section |');
  });

  it('covers every param of every built-in plugin', async () => {
    const builtins = await createRegistry();
    const blocks = configurationReference(builtins);
    const blockOf = { dataset: 'config/dataset', architecture: 'config/model', objective: 'config/objective' } as const;
    const prefixOf = {
      dataset: 'dataset',
      architecture: 'model',
      objective: 'objective',
      kernel: 'objective.kernel',
      distance: 'objective.distance',
    };
    for (const kind of PLUGIN_KINDS) {
      const block = blocks[blockOf[kind as keyof typeof blockOf] ?? `config/${kind}`] as string;
      for (const spec of builtins.list(kind)) {
        expect(block, `${kind} '${spec.name}'`).toContain(`### ${spec.name}\n`);
        for (const key of Object.keys(spec.schema.properties)) expect(block).toContain(`\`${prefixOf[kind]}.${key}`);
      }
    }
    const shared = blocks['config/dataset'] as string;
    expect(shared.startsWith('Every dataset below takes these keys:')).toBe(true);
    expect(shared).toContain('| `dataset.preprocess.testFraction` | `number` | `0` | ≥ 0, < 1 |');
    expect(blocks['config/sweep']).toContain('| `sweep.failFast` | `integer` | `0` | ≥ 0 |');
  });
});

describe('cliReference', () => {
  it('documents each subcommand with its usage, arguments and options', () => {
    const program = new Command('tool').description('a tool');
    program.option('-q, --quiet', 'say less');
    program
      .command('go')
      .description('go somewhere')
      .argument('<where>', 'the place')
      .argument('[how]', 'optional manner')
      .requiredOption('--speed <n>', 'how fast')
      .option('--store <dir>', 'the store', './runs')
      .addOption(new Option('--set <a=b>', 'repeatable').default([]))
      .option('--json', 'machine output', false);
    const text = cliReference(program).cli as string;
    expect(text).toContain('| [`tool go`](#tool-go) | go somewhere |');
    expect(text).toContain('| `-q, --quiet` | — | say less |');
    expect(text).toContain('### tool go\n\n```\ntool go [options] <where> [how]\n```\n\ngo somewhere');
    expect(text).toContain('| `<where>` | the place |');
    expect(text).toContain('| `[how]` | optional manner |');
    expect(text).toContain('| `--speed <n>` | required | how fast |');
    expect(text).toContain('| `--store <dir>` | `./runs` | the store |');
    expect(text).toContain('| `--set <a=b>` | — | repeatable |');
    expect(text).toContain('| `--json` | — | machine output |');
  });

  it('covers every subcommand and option of the gemlab CLI', () => {
    const program = buildProgram('0.0.0', () => undefined);
    const text = cliReference(program).cli as string;
    expect(program.commands.length).toBeGreaterThanOrEqual(7);
    for (const command of program.commands) {
      expect(text).toContain(`### gemlab ${command.name()}\n`);
      for (const option of command.options) expect(text).toContain(`| \`${option.flags}\` |`);
    }
  });
});

describe('renderIncludes', () => {
  const repo = mkdtempSync(join(tmpdir(), 'gemlab-docs-'));
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(repo, 'src', 'fence.md'), 'before\n```bash\nls\n```\n');

  it('replaces the body between the markers with the file in a fenced block', () => {
    const page = 'Intro\n<!-- include: src/a.ts -->\nold text\n<!-- /include -->\nOutro\n';
    const out = renderIncludes(page, repo);
    expect(out).toBe('Intro\n<!-- include: src/a.ts -->\n```ts\nexport const a = 1;\n```\n<!-- /include -->\nOutro\n');
    expect(renderIncludes(out, repo)).toBe(out);
  });

  it('fills an empty block and picks a fence longer than the file’s own', () => {
    const out = renderIncludes('<!-- include: src/fence.md -->\n<!-- /include -->\n', repo);
    expect(out).toBe('<!-- include: src/fence.md -->\n````markdown\nbefore\n```bash\nls\n```\n````\n<!-- /include -->\n');
  });

  it('leaves markers that are not alone on their line', () => {
    const page = 'write `<!-- include: src/a.ts -->` above the block\n';
    expect(renderIncludes(page, repo)).toBe(page);
  });

  it('fails on a missing file, a path outside the repository, or an unclosed block', () => {
    expect(() => renderIncludes('<!-- include: src/b.ts -->\n<!-- /include -->\n', repo, 'p.md')).toThrow(
      "p.md:1: include 'src/b.ts' does not exist",
    );
    expect(() => renderIncludes('<!-- include: ../x.ts -->\n<!-- /include -->\n', repo, 'p.md')).toThrow(
      'outside the repository',
    );
    expect(() => renderIncludes('x\n<!-- include: src/a.ts -->\nno end\n', repo, 'p.md')).toThrow(
      "p.md:2: '<!-- include: src/a.ts -->' has no '<!-- /include -->'",
    );
  });
});

describe('renderGeneratedBlocks', () => {
  it('fills named blocks, reports the names used, and rejects unknown names', () => {
    const page = 'a\n<!-- generated: one -->\nstale\n<!-- /generated -->\nb\n';
    const { markdown, used } = renderGeneratedBlocks(page, { one: 'fresh\n\n', two: 'unused' });
    expect(markdown).toBe('a\n<!-- generated: one -->\nfresh\n<!-- /generated -->\nb\n');
    expect([...used]).toEqual(['one']);
    expect(() => renderGeneratedBlocks(page, { two: 'x' }, 'p.md')).toThrow("p.md:2: no generated block 'one'; known: two");
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', repeats numbered. */
function headingAnchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  return [...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => {
    const base = (m[1] as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  });
}
