import { describe, expect, it } from 'vitest';
import { gemlab, smallConfig, workspace } from './gemlab-cli.js';

/** A broken config, and the exact line(s) the user must see on stderr. */
interface BrokenCase {
  readonly what: string;
  readonly files: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stderr: readonly string[];
}

const base = smallConfig();
const cases: readonly BrokenCase[] = [
  {
    what: 'wrong type',
    files: { 'c.yaml': base.replace('nClusters: 3', 'nClusters: three') },
    stderr: ["gemlab: GEMLAB_CONFIG: c.yaml: model.nClusters: must be integer. Got 'three'"],
  },
  {
    what: 'unknown plugin, with a suggestion',
    files: { 'c.yaml': base.replace('name: mmd', 'name: mdm') },
    stderr: [
      "gemlab: GEMLAB_CONFIG: c.yaml: objective.name: unknown objective 'mdm' (did you mean 'mmd'?); known: chi2, hellinger, kl, mi, mmd, tv, wasserstein",
    ],
  },
  {
    what: 'unknown key, with a suggestion',
    files: { 'c.yaml': base.replace('epochs: 5', 'epoch: 5') },
    stderr: [
      "gemlab: GEMLAB_CONFIG: c.yaml: training.epoch: unknown key (did you mean 'epochs'?); allowed: epochs, batchSize, optimizer, earlyStopping, vat",
    ],
  },
  {
    what: 'out-of-range number',
    files: { 'c.yaml': base.replace('batchSize: 50', 'batchSize: 0') },
    stderr: ['gemlab: GEMLAB_CONFIG: c.yaml: training.batchSize: must be >= 1. Got 0'],
  },
  {
    what: 'missing required section',
    files: { 'c.yaml': base.replace(/^model:.*$/m, '') },
    stderr: ['gemlab: GEMLAB_CONFIG: c.yaml: model: is required'],
  },
  {
    what: 'bad nested plugin param, every problem on its own line',
    files: { 'c.yaml': base.replace('mode: ova }', 'mode: ovx, kernel: { name: rbf, gamma: -1 } }') },
    stderr: [
      "gemlab: GEMLAB_CONFIG: c.yaml: objective.mode: must be one of 'ova', 'ovo'. Got 'ovx'",
      "gemlab: GEMLAB_CONFIG: c.yaml: objective.kernel.gamma: must be a number > 0 or 'median'. Got -1",
    ],
  },
  {
    what: 'bad YAML',
    files: { 'c.yaml': `${base}\nmodel: [unclosed\n` },
    stderr: [/^gemlab: GEMLAB_CONFIG: c\.yaml:\d+:\d+: invalid YAML: .+/ as unknown as string],
  },
  {
    what: 'a plugin file that throws on import',
    files: { 'c.yaml': `plugins: [./broken.mjs]\n${base}`, 'broken.mjs': "throw new Error('kaput');\n" },
    stderr: ['gemlab: GEMLAB_PLUGIN_LOAD: ./broken.mjs: failed to import: kaput'],
  },
  {
    what: 'a plugin file that does not export a plugin',
    files: { 'c.yaml': `plugins: [./helper.mjs]\n${base}`, 'helper.mjs': 'export default 42;\n' },
    stderr: ['gemlab: GEMLAB_PLUGIN_LOAD: ./helper.mjs: does not default-export a gemlab plugin (found: number)'],
  },
  {
    what: 'a malformed override',
    files: { 'c.yaml': base },
    args: ['--set', 'model.nClusters'],
    stderr: ['gemlab: GEMLAB_CONFIG: model.nClusters: --set needs the form path=value (e.g. model.nClusters=8)'],
  },
  {
    what: 'an unknown backend',
    files: { 'c.yaml': base },
    env: { GEMLAB_BACKEND: 'bogus' },
    stderr: ["gemlab: GEMLAB_BACKEND: GEMLAB_BACKEND='bogus' is not a backend; allowed: tensorflow, wasm, cpu"],
  },
  {
    what: 'a missing config file',
    files: {},
    stderr: ['gemlab: GEMLAB_CONFIG: c.yaml: file not found'],
  },
];

describe('broken configs', () => {
  it.each(cases)('$what: one line per problem, exit 2, no stack trace', async ({ files, args = [], env, stderr }) => {
    const cwd = workspace(files);
    const result = await gemlab(['run', 'c.yaml', ...args], { cwd, env });
    const lines = result.stderr.trimEnd().split('\n');
    expect(result.code).toBe(2);
    expect(lines).toHaveLength(stderr.length);
    lines.forEach((line, i) => {
      const want = stderr[i] as unknown;
      if (want instanceof RegExp) expect(line).toMatch(want);
      else expect(line).toBe(want);
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('bad data', () => {
  it('fails the run with the file and row named, and exit 1', async () => {
    const cwd = workspace({
      'c.yaml': smallConfig().replace(/^dataset:.*$/m, 'dataset: { name: csv, path: points.csv }'),
      'points.csv': 'a,b\n1,2\n3,x\n',
    });
    const result = await gemlab(['run', 'c.yaml'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAILED: GEMLAB_DATA: .*points\.csv.* row 3/);
  });
});
