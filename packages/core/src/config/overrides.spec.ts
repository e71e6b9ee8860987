import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from './load-config-file.js';
import { applyOverrides, getPath, parsePath, setPath } from './overrides.js';

describe('dotted-path overrides', () => {
  it('parses values as YAML scalars and creates missing sections', () => {
    const config = applyOverrides({ model: { nClusters: 3 } }, [
      'model.nClusters=8',
      'objective.name=tv',
      'training.optimizer.learningRate=1e-3',
      'model.hidden=[20, 20]',
      'dataset.preprocess.standardize=true',
    ]);
    expect(config).toEqual({
      model: { nClusters: 8, hidden: [20, 20] },
      objective: { name: 'tv' },
      training: { optimizer: { learningRate: 0.001 } },
      dataset: { preprocess: { standardize: true } },
    });
  });

  it('addresses list items and leaves the input untouched', () => {
    const input = { model: { hidden: [10, 10] } };
    expect(applyOverrides(input, ['model.hidden[1]=30']).model.hidden).toEqual([10, 30]);
    expect(input.model.hidden).toEqual([10, 10]);
    expect(getPath(setPath({}, 'a.b[0]', 5), 'a.b[0]')).toBe(5);
    expect(parsePath('model.hidden[2]')).toEqual(['model', 'hidden', 2]);
  });

  it('addresses keys that hold dots through quoted brackets (sweep parameters)', () => {
    expect(parsePath('sweep.parameters["dataset.df"]')).toEqual(['sweep', 'parameters', 'dataset.df']);
    expect(parsePath("sweep.parameters['model.hidden[0]'][1]")).toEqual(['sweep', 'parameters', 'model.hidden[0]', 1]);
    const config = { sweep: { parameters: { 'dataset.df': [1, 2], 'model.nClusters': [4, 8] } } };
    const out = applyOverrides(config, ['sweep.parameters["dataset.df"]=[1]']);
    expect(out.sweep.parameters).toEqual({ 'dataset.df': [1], 'model.nClusters': [4, 8] });
  });

  it('rejects malformed overrides with the culprit named', () => {
    expect(() => applyOverrides({}, ['model.nClusters'])).toThrow('model.nClusters: --set needs the form path=value');
    expect(() => applyOverrides({}, ['model..k=1'])).toThrow('model..k: is not a dotted config path');
    for (const bad of ['.model', 'model.', 'a[0]b', 'a["x"', "a['']", 'a[-1]', '']) {
      expect(() => parsePath(bad), bad).toThrow('is not a dotted config path');
    }
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gemlab-config-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads YAML and JSON', () => {
    expect(loadConfigFile(file('a.yaml', 'seed: 3\nmodel: { name: mlp }\n'))).toEqual({ seed: 3, model: { name: 'mlp' } });
    expect(loadConfigFile(file('a.json', '{"seed": 4}'))).toEqual({ seed: 4 });
  });

  it('names the file and line of a syntax error, and refuses non-mappings', () => {
    const bad = file('bad.yaml', 'seed: 1\nmodel: [unclosed\n');
    expect(() => loadConfigFile(bad)).toThrow(
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: invalid YAML`),
    );
    expect(() => loadConfigFile(file('list.yaml', '- 1\n- 2\n'))).toThrow('a config must be a mapping of sections');
    expect(() => loadConfigFile(join(dir, 'missing.yaml'))).toThrow('missing.yaml: file not found');
    expect(() => loadConfigFile(file('bad.json', '{"seed": }'))).toThrow(/bad\.json: invalid JSON/);
  });
});
