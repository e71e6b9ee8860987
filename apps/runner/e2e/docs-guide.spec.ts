import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@gemlab/core/testing';
import { type MlflowTestServer, startMlflowServer } from '@gemlab/tracking/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, collectOutput, gemlab, workspace } from './gemlab-cli.js';
import { type MlflowRun, metric, mlflowRuns, param, tag } from './mlflow-rest.js';

// Follows docs/adding-a-gemini.md literally: every ```bash block marked `<!-- e2e -->` (or
// `<!-- e2e: append ARGS -->`, whose ARGS go after each gemlab command of the block) runs, in
// order, from the root of a scratch tree that holds a fresh copy of the example plugin where
// the guide says it is, with the repository's node_modules linked in and MLFLOW_TRACKING_URI
// set to a real MLflow server. Then the sweep's runs must be on that server.

const root = repositoryRoot();
const GUIDE = join(root, 'docs', 'adding-a-gemini.md');
const PLUGIN = join('examples', 'plugins', 'jensen-shannon');

interface GuideBlock {
  readonly line: number;
  readonly commands: readonly string[];
  readonly append: readonly string[];
}

/** The marked bash blocks of a guide, with their commands (comments and blank lines dropped). */
function e2eBlocks(markdown: string): GuideBlock[] {
  const lines = markdown.split('\n');
  const blocks: GuideBlock[] = [];
  lines.forEach((text, index) => {
    const marker = /^<!-- e2e(?:: append (.+?))? -->\s*$/.exec(text);
    if (!marker) return;
    if (lines[index + 1]?.trim() !== '```bash')
      throw new Error(`guide line ${index + 1}: an e2e marker must precede a \`\`\`bash block`);
    const end = lines.findIndex((line, i) => i > index + 1 && line.trim() === '```');
    const body = lines
      .slice(index + 2, end)
      .join('\n')
      .replace(/\\\n/g, ' ');
    const commands = body
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    blocks.push({ line: index + 1, commands, append: marker[1] ? splitWords(marker[1]) : [] });
  });
  return blocks;
}

/** Shell-like words: whitespace-separated, with '…' and "…" quoting. */
function splitWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? (m[3] as string));
}

/** A non-gemlab command of the guide (here `npx vitest …`), through bash, without this vitest's own variables. */
function shell(command: string, cwd: string, env: Record<string, string>): Promise<CliResult> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|TEST$|NODE_ENV$|FORCE_COLOR$)/.test(key)),
  );
  const child = spawn('bash', ['-c', command], {
    cwd,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collectOutput(child);
}

/** The repository's tree as the guide needs it: the plugin folder (no build output), the base tsconfig, node_modules. */
function scratchTree(): string {
  const dir = workspace();
  const source = join(root, PLUGIN);
  mkdirSync(join(dir, 'examples', 'plugins'), { recursive: true });
  cpSync(source, join(dir, PLUGIN), {
    recursive: true,
    filter: (path) => !/[/\\](dist|test-output|out-tsc|node_modules)([/\\]|$)/.test(path.slice(source.length)),
  });
  copyFileSync(join(root, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

let server: MlflowTestServer;

/** The runs of the guide's experiment on the server: sweep parents, and the children of the first. */
async function sweepRuns(): Promise<{ parents: MlflowRun[]; children: MlflowRun[] }> {
  const runs = await mlflowRuns(server.uri, 'jensen-shannon-vs-tv');
  const parents = runs.filter((run) => tag(run, 'gemlab.role') === 'sweep');
  const children = runs.filter((run) => tag(run, 'mlflow.parentRunId') === parents[0]?.info.run_id);
  return { parents, children };
}

describe('docs/adding-a-gemini.md, followed literally', () => {
  const blocks = e2eBlocks(readFileSync(GUIDE, 'utf8'));

  beforeAll(async () => {
    server = await startMlflowServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('marks the conformance run, the sweep and the sync as runnable', () => {
    const commands = blocks.flatMap((block) => block.commands);
    expect(commands).toEqual(
      expect.arrayContaining([
        `npx vitest run --root ${PLUGIN}`,
        `npx gemlab sweep ${PLUGIN}/sweep-vs-tv.yaml`,
        'npx gemlab sync',
      ]),
    );
    const sweep = blocks.find((block) => block.commands.some((c) => c.startsWith('npx gemlab sweep')));
    expect(sweep?.append).toEqual(['--set', 'training.epochs=2', '--set', 'dataset.n=200']);
  });

  it('runs every marked command, and the sweep lands in MLflow as one parent with a child per trial', async () => {
    const cwd = scratchTree();
    const env = { MLFLOW_TRACKING_URI: server.uri };
    for (const block of blocks) {
      for (const command of block.commands) {
        const words = splitWords(command);
        const result =
          words[0] === 'npx' && words[1] === 'gemlab'
            ? await gemlab([...words.slice(2), ...block.append], { cwd, env })
            : await shell(command, cwd, env);
        const output = `${result.stdout}\n${result.stderr}`.slice(-3000);
        expect(result.code, `guide line ${block.line}: ${command}\n${output}`).toBe(0);
        if (words[1] === 'vitest') expect(result.stdout).toMatch(/Tests\s+46 passed/);
        if (words[2] === 'sweep') {
          expect(result.stdout).toMatch(/: 6 finished, 0 failed or killed/);
          const { parents, children } = await sweepRuns();
          expect(parents.map((run) => run.info.run_name)).toEqual(['sweep-sweep-vs-tv']);
          expect(children).toHaveLength(6);
        }
        // Idempotent: the sweep's 7 runs are already there, so nothing is created twice.
        if (words[2] === 'sync') expect(result.stdout).toMatch(/: 0 created, \d+ completed, \d+ already complete/);
      }
    }

    const { parents, children } = await sweepRuns();
    expect(parents).toHaveLength(1);
    expect(parents[0]?.info.status).toBe('FINISHED');
    expect(children.map((run) => run.info.status)).toEqual(Array(6).fill('FINISHED'));
    const points = children.map((run) => `${param(run, 'objective.name')} K=${param(run, 'model.nClusters')}`).sort();
    expect(points).toEqual(['jensen-shannon K=3', 'jensen-shannon K=4', 'jensen-shannon K=6', 'tv K=3', 'tv K=4', 'tv K=6']);
    for (const child of children) expect(metric(child, 'used_clusters'), child.info.run_name).toBeGreaterThanOrEqual(1);
    // The shortened settings the marker appends reached every trial.
    expect(new Set(children.map((run) => `${param(run, 'training.epochs')} ${param(run, 'dataset.n')}`))).toEqual(
      new Set(['2 200']),
    );
    // The guide also keeps every run in the local store of the folder it ran in.
    expect(existsSync(join(cwd, 'gemlab-runs', 'jensen-shannon-vs-tv'))).toBe(true);
  });
});
