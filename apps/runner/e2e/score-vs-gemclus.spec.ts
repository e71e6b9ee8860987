import { join } from 'node:path';
import { runPython } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';
import { gemlab, workspace } from './gemlab-cli.js';

// gemclus (PyPI) evaluates the same GEMINIs in float64; its χ² is ½(1/N)Σp²/π without the −1,
// so gemlab's χ² = 2·gemclus − 1 (see gemini-math: χ² convention).
const GEMCLUS = `
import json, sys, numpy as np, gemclus.gemini as g
spec = json.load(sys.stdin)
rng = np.random.default_rng(spec["seed"])
X = rng.normal(size=(spec["n"], 3))
P = rng.dirichlet(np.ones(spec["k"]) * 2, size=spec["n"])
P = P / P.sum(axis=1, keepdims=True)
np.savetxt(spec["dir"] + "/X.csv", X, delimiter=",", header="x0,x1,x2", comments="", fmt="%.17g")
np.savetxt(spec["dir"] + "/P.csv", P, delimiter=",", fmt="%.17g")
classes = {"kl": g.KLGEMINI, "tv": g.TVGEMINI, "hellinger": g.HellingerGEMINI, "chi2": g.ChiSquareGEMINI, "mmd": g.MMDGEMINI, "wasserstein": g.WassersteinGEMINI}
out = {}
for name, cls in classes.items():
    for mode in ["ova", "ovo"]:
        G = cls(ovo=(mode == "ovo"))
        out[name + "-" + mode] = float(G.evaluate(P, G.compute_affinity(X)))
print(json.dumps(out))
`;

describe('gemlab score against gemclus', () => {
  it('reproduces gemclus for all 6 GEMINIs × 2 modes on shared random inputs', async () => {
    const dir = workspace();
    const reference = runPython<Record<string, number>>(GEMCLUS, { seed: 3, n: 40, k: 4, dir });
    for (const [combo, gemclusValue] of Object.entries(reference)) {
      const [objective, mode] = combo.split('-') as [string, string];
      const result = await gemlab(
        [
          'score',
          '--objective',
          objective,
          '--mode',
          mode,
          '--data',
          join(dir, 'X.csv'),
          '--probs',
          join(dir, 'P.csv'),
          '--json',
        ],
        { cwd: dir },
      );
      expect(result.stderr, combo).toBe('');
      const output = JSON.parse(result.stdout);
      expect(output).toMatchObject({ objective, mode });
      const expected = objective === 'chi2' ? 2 * gemclusValue - 1 : gemclusValue;
      expect(Math.abs(output.value - expected) / Math.abs(expected), combo).toBeLessThan(1e-5);
    }
  });

  it('refuses probabilities that are not probabilities, naming the row', async () => {
    const dir = workspace({
      'X.csv': '1,2\n3,4\n',
      'P.csv': '0.5,0.5\n0.7,0.4\n',
      'N.csv': '0.5,0.5\n-0.1,1.1\n',
      'S.csv': '1,0\n',
    });
    const sum = await gemlab(['score', '--objective', 'tv', '--data', 'X.csv', '--probs', 'P.csv'], { cwd: dir });
    expect(sum.code).toBe(2);
    expect(sum.stderr.trim()).toBe('gemlab: GEMLAB_DATA: probs row 2 sums to 1.1; each row must sum to 1 (within 1e-6)');
    const negative = await gemlab(['score', '--objective', 'tv', '--probs', 'N.csv'], { cwd: dir });
    expect(negative.stderr.trim()).toMatch(/^gemlab: GEMLAB_DATA: probs row 2 has a negative probability/);
    const rows = await gemlab(['score', '--objective', 'mmd', '--data', 'X.csv', '--probs', 'S.csv'], { cwd: dir });
    expect(rows.stderr.trim()).toBe('gemlab: GEMLAB_DATA: probs has 1 rows but x has 2; they must match');
    const unknown = await gemlab(['score', '--objective', 'mmd', '--kernel', 'rbff', '--data', 'X.csv', '--probs', 'S.csv'], {
      cwd: dir,
    });
    expect(unknown.stderr.trim()).toMatch(
      /^gemlab: GEMLAB_CONFIG: objective\.kernel\.name: unknown kernel 'rbff' \(did you mean 'rbf'\?\)/,
    );
  });
});
