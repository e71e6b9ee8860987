import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineKernel, defineObjective } from '../contracts/plugin.js';
import { DuplicatePluginError, PluginLoadError, UnknownPluginError } from '../errors/plugin-errors.js';
import { loadPlugins } from './load-plugins.js';
import { definePluginModule } from './plugin-module.js';
import { PluginRegistry } from './plugin-registry.js';

const unused = () => {
  throw new Error('not created in this test');
};
const tv = defineObjective({ name: 'tv', description: 'total variation', schema: Type.Object({}), create: unused });
const mmd = defineObjective({ name: 'mmd', description: 'MMD', schema: Type.Object({}), create: unused });
const rbf = defineKernel({ name: 'rbf', description: 'Gaussian', schema: Type.Object({}), create: unused });

describe('PluginRegistry', () => {
  const registry = new PluginRegistry([definePluginModule('@gemlab/a', [tv, mmd]), definePluginModule('@gemlab/b', [rbf])]);

  it('lists, gets and reports sources by kind', () => {
    expect(registry.names('objective')).toEqual(['mmd', 'tv']);
    expect(registry.list('kernel').map((s) => s.name)).toEqual(['rbf']);
    expect(registry.get('objective', 'tv')).toBe(tv);
    expect(registry.source('kernel', 'rbf')).toBe('@gemlab/b');
    expect(registry.schema('objective', 'mmd')).toBe(mmd.schema);
    expect(registry.names('dataset')).toEqual([]);
  });

  it('names the known plugins for an unknown name', () => {
    expect(() => registry.get('objective', 'kl')).toThrow(new UnknownPluginError('objective', 'kl', ['mmd', 'tv']));
    expect(() => registry.get('objective', 'kl')).toThrow("unknown objective 'kl'; known: mmd, tv");
  });

  it('refuses a duplicate name, naming both sources', () => {
    expect(() => new PluginRegistry([definePluginModule('@gemlab/a', [tv]), definePluginModule('./my-tv.ts', [tv])])).toThrow(
      new DuplicatePluginError('objective', 'tv', '@gemlab/a', './my-tv.ts'),
    );
  });

  it('keeps registries independent', () => {
    const other = new PluginRegistry([definePluginModule('x', [rbf])]);
    expect(other.names('objective')).toEqual([]);
    expect(registry.names('objective')).toEqual(['mmd', 'tv']);
  });
});

describe('loadPlugins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-plugins-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const spec = `{ kind: 'objective', name: 'renyi', description: 'd', schema: { type: 'object', properties: {} }, create() {} }`;
  write('one.mjs', `export default ${spec};`);
  write(
    'typed.ts',
    `const plugin: { kind: 'objective'; name: string } & Record<string, unknown> = ${spec};\nexport default [plugin];`,
  );
  write('not-a-plugin.mjs', 'export default function helper() {}');
  write('nothing.mjs', 'export const x = 1;');
  write('throws.mjs', "throw new Error('boom at import');");

  it('loads a .js default export and a .ts array of specs', async () => {
    const modules = await loadPlugins(['./one.mjs', './typed.ts'], dir);
    expect(() => new PluginRegistry(modules)).toThrow("objective 'renyi' is registered by ./one.mjs and by ./typed.ts");
    expect(new PluginRegistry([modules[1] as never]).names('objective')).toEqual(['renyi']);
  });

  it('says what is wrong with a file that is not a plugin', async () => {
    await expect(loadPlugins(['./not-a-plugin.mjs'], dir)).rejects.toThrow(
      new PluginLoadError('./not-a-plugin.mjs', 'does not default-export a gemlab plugin (found: function)'),
    );
    await expect(loadPlugins(['./nothing.mjs'], dir)).rejects.toThrow(
      'does not default-export a gemlab plugin (no default export)',
    );
    await expect(loadPlugins(['./throws.mjs'], dir)).rejects.toThrow('./throws.mjs: failed to import: boom at import');
    await expect(loadPlugins(['./missing.ts'], dir)).rejects.toThrow('./missing.ts: file not found');
    await expect(loadPlugins(['gemlab-plugin-that-does-not-exist'], dir)).rejects.toThrow(
      /gemlab-plugin-that-does-not-exist: failed to import/,
    );
  });
});
