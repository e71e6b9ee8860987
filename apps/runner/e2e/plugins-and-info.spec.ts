import { join } from 'node:path';
import { installedBackends, repositoryRoot } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';
import { gemlab, smallConfig, workspace } from './gemlab-cli.js';

const pluginFile = join(repositoryRoot(), 'examples', 'plugins', 'jensen-shannon', 'src', 'jensen-shannon.ts');

describe('external plugins through the CLI', () => {
  it('lists an external objective next to the built-ins, with its schema', async () => {
    const result = await gemlab(['plugins', '--kind', 'objective', '--plugin', pluginFile, '--json']);
    expect(result.code).toBe(0);
    const plugins = JSON.parse(result.stdout) as {
      name: string;
      source: string;
      schema: { properties: Record<string, unknown> };
    }[];
    expect(plugins.map((p) => p.name)).toEqual(['chi2', 'hellinger', 'jensen-shannon', 'kl', 'mi', 'mmd', 'tv', 'wasserstein']);
    const js = plugins.find((p) => p.name === 'jensen-shannon');
    expect(js?.source).toBe(pluginFile);
    expect(Object.keys(js?.schema.properties ?? {})).toEqual(['mode', 'epsilon']);
  });

  it('trains with an objective from a separate file named in plugins:', async () => {
    const config = `plugins: [${JSON.stringify(pluginFile)}]\n${smallConfig().replace('name: mmd', 'name: jensen-shannon')}`;
    const cwd = workspace({ 'c.yaml': config });
    const result = await gemlab(['run', 'c.yaml', '--json'], { cwd });
    expect(result.stderr).toBe('');
    const run = JSON.parse(result.stdout);
    expect(run.status).toBe('FINISHED');
    expect(run.params['objective.name']).toBe('jensen-shannon');
    expect(run.metrics.gemini).toBeGreaterThan(0);
  });
});

describe('gemlab info', () => {
  it.each(installedBackends())('reports GEMLAB_BACKEND=%s and the versions', async (backend) => {
    const result = await gemlab(['info', '--json'], { env: { GEMLAB_BACKEND: backend } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ backend, tfjs: '4.22.0', gemlab: '0.1.0' });
  });

  it('lists every subcommand in --help', async () => {
    const result = await gemlab(['--help']);
    for (const command of ['run', 'sweep', 'report', 'validate', 'plugins', 'score', 'sync', 'info'])
      expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
  });
});
