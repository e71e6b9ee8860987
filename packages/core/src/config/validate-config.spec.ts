import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineArchitecture, defineDataset, defineKernel, defineObjective } from '../contracts/plugin.js';
import { ConfigError } from '../errors/config-error.js';
import { definePluginModule } from '../registry/plugin-module.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginRef } from './plugin-ref.js';
import { ConfigValidator } from './validate-config.js';

const noop = () => {
  throw new Error('not used in this test');
};
const rbf = defineKernel({
  name: 'rbf',
  description: 'rbf',
  schema: Type.Object({ gamma: Type.Number({ exclusiveMinimum: 0, default: 1 }) }),
  create: noop,
});
const linear = defineKernel({ name: 'linear', description: 'linear', schema: Type.Object({}), create: noop });
const mmd = defineObjective({
  name: 'mmd',
  description: 'mmd',
  schema: Type.Object({
    mode: Type.Union([Type.Literal('ova'), Type.Literal('ovo')], { default: 'ova' }),
    kernel: pluginRef('kernel', { default: { name: 'linear' } }),
  }),
  create: noop,
});
const tv = defineObjective({ name: 'tv', description: 'tv', schema: Type.Object({}), create: noop });
const data = defineDataset({ name: 'x', description: 'x', schema: Type.Object({}), create: noop });
const arch = defineArchitecture({ name: 'y', description: 'y', schema: Type.Object({}), create: noop });
const registry = new PluginRegistry([definePluginModule('test', [rbf, linear, mmd, tv, data, arch])]);
const validator = new ConfigValidator(registry);

function problems(raw: unknown): string[] {
  try {
    validator.resolve(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('ConfigValidator', () => {
  it('fills defaults, including nested plugin sections', () => {
    const config = validator.resolve({ dataset: { name: 'x' }, model: { name: 'y', nClusters: 3 }, objective: { name: 'mmd' } });
    expect(config.objective).toEqual({ name: 'mmd', mode: 'ova', kernel: { name: 'linear' } });
    expect(config.training.optimizer).toMatchObject({ name: 'adam', learningRate: 0.001, epsilon: 1e-8 });
    expect(config.seed).toBe(0);
  });

  it('names the path and suggests the closest plugin name', () => {
    const lines = problems({ objective: { name: 'mdm' } });
    expect(lines).toContain("objective.name: unknown objective 'mdm' (did you mean 'mmd'?); known: mmd, tv");
  });

  it('reports a bad nested param with its full path and the given value', () => {
    const lines = problems({ objective: { name: 'mmd', kernel: { name: 'rbf', gamma: -1 } } });
    expect(lines).toContain('objective.kernel.gamma: must be > 0. Got -1');
  });
});
