import { describe, expect, it } from 'vitest';
import { SeededRng } from '../random/seeded-rng.js';
import { runPython } from '../testing/python.js';
import { adjustedRandIndex } from './adjusted-rand-index.js';
import { clusteringAccuracy } from './clustering-accuracy.js';
import { normalizedMutualInfo } from './normalized-mutual-info.js';
import { purity } from './purity.js';

interface Labelling {
  readonly labelsTrue: number[];
  readonly labelsPred: number[];
}

interface Reference {
  readonly ari: number;
  readonly nmi: number;
  readonly acc: number;
  readonly purity: number;
}

const REFERENCE = `
import json, sys
import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
out = []
for case in json.load(sys.stdin):
    t, p = np.array(case['labelsTrue']), np.array(case['labelsPred'])
    c = contingency_matrix(t, p)
    rows, cols = linear_sum_assignment(-c)
    out.append({
        'ari': float(adjusted_rand_score(t, p)),
        'nmi': float(normalized_mutual_info_score(t, p)),
        'acc': float(c[rows, cols].sum() / len(t)),
        'purity': float(c.max(axis=0).sum() / len(t)),
    })
print(json.dumps(out))
`;

/** 50 labellings: sizes 1–400, 1–8 classes, 1–12 clusters, from independent to nearly perfect. */
function randomLabellings(): Labelling[] {
  const rng = new SeededRng(20240611);
  return Array.from({ length: 50 }, (_, index) => {
    const n = index < 3 ? index + 1 : 2 + rng.int(400);
    const classes = 1 + rng.int(8);
    const clusters = 1 + rng.int(12);
    const noise = rng.next(); // share of samples whose cluster is drawn independently of the class
    const classToCluster = Array.from({ length: classes }, () => rng.int(clusters));
    const labelsTrue = Array.from({ length: n }, () => rng.int(classes));
    const labelsPred = labelsTrue.map((c) => (rng.next() < noise ? rng.int(clusters) : classToCluster[c]) * 3 + 1);
    return { labelsTrue, labelsPred };
  });
}

describe('clustering metrics against scikit-learn / scipy', () => {
  it('agree to 1e-10 on 50 random labellings', () => {
    const cases = randomLabellings();
    const reference = runPython<Reference[]>(REFERENCE, cases);
    expect(reference).toHaveLength(cases.length);
    cases.forEach(({ labelsTrue, labelsPred }, i) => {
      const expected = reference[i];
      expect(Math.abs(adjustedRandIndex(labelsTrue, labelsPred) - expected.ari), `ARI case ${i}`).toBeLessThan(1e-10);
      expect(Math.abs(normalizedMutualInfo(labelsTrue, labelsPred) - expected.nmi), `NMI case ${i}`).toBeLessThan(1e-10);
      expect(Math.abs(clusteringAccuracy(labelsTrue, labelsPred) - expected.acc), `ACC case ${i}`).toBeLessThan(1e-10);
      expect(Math.abs(purity(labelsTrue, labelsPred) - expected.purity), `purity case ${i}`).toBeLessThan(1e-10);
    });
    // The cases must span the range, or the comparison proves little.
    const aris = reference.map((r) => r.ari);
    expect(Math.min(...aris)).toBeLessThan(0.05);
    expect(Math.max(...aris)).toBeGreaterThan(0.9);
  });
});
