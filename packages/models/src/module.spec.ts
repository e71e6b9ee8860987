import { PluginRegistry, type PluginSpec, type TObject } from '@gemlab/core';
import { availableBackends } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';
import { modelsModule } from './module.js';
import { type ArchitectureConformanceOptions, describeArchitectureConformance } from './testing.js';

const registry = new PluginRegistry([modelsModule]);
const backends = await availableBackends();

/** Per-plugin test settings (sample shapes); every registered architecture runs the suite. */
const SETTINGS: Record<string, ArchitectureConformanceOptions> = {
  lenet5: {
    inputShapes: [
      [28, 28, 1],
      [32, 32, 3],
    ],
    invalidInputShapes: [[30, 30, 1], [28, 28], [32, 32, 0], [784]],
  },
};

describe('@gemlab/models module', () => {
  it('registers linear, mlp and lenet5', () => {
    expect(registry.names('architecture')).toEqual(['lenet5', 'linear', 'mlp']);
    expect(registry.source('architecture', 'mlp')).toBe('@gemlab/models');
  });

  it('runs the conformance suite on cpu and wasm at least', () => {
    expect(backends).toEqual(expect.arrayContaining(['cpu', 'wasm']));
  });
});

for (const spec of registry.list('architecture') as PluginSpec<'architecture', TObject>[]) {
  describeArchitectureConformance(spec, { backends, ...SETTINGS[spec.name] });
}
