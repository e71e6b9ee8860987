import { initBackend } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec, evaluateObjective } from '../testing.js';
import { kl } from './kl.js';
import { mi } from './mi.js';

// Four points, two clusters, π = (½, ½). Computed by hand:
//   (1/N) ΣΣ p log p = ½[(0.8 ln 0.8 + 0.2 ln 0.2) + (0.6 ln 0.6 + 0.4 ln 0.4)]
//                    = ½[(−0.178515 − 0.321888) + (−0.306495 − 0.366516)] = −0.586707
//   OvA = −0.586707 − Σ π ln π = −0.586707 + ln 2 = 0.106440
//   OvO = −0.586707 − Σ_l π_l (1/N) Σ_i ln p_il, with Σ_i ln p_il = ln 0.8 + ln 0.6 + ln 0.4 + ln 0.2 = −3.259699
//       = −0.586707 + ½·¼·3.259699·2 = −0.586707 + 0.814925 = 0.228218
const p = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];
// One-hot: OvA = ln 2 (the entropy of π). OvO: each row has one entry clipped to ε, so
// −Σ_l π_l (1/N) Σ_i ln p_il = −½ ln ε = 13.815511 for ε = 1e-12: KL-OvO depends on ε.
const oneHot = [
  [1, 0],
  [1, 0],
  [0, 1],
  [0, 1],
];

describe('kl GEMINI', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches the hand-computed values on a soft 4-point clustering', () => {
    expect(evaluateObjective(createFromSpec(kl, { mode: 'ova' }), p)).toBeCloseTo(0.10644, 5);
    expect(evaluateObjective(createFromSpec(kl, { mode: 'ovo' }), p)).toBeCloseTo(0.228217, 5);
  });

  it('gives ln 2 (OvA) and −½ ln ε (OvO) for a one-hot clustering', () => {
    expect(evaluateObjective(createFromSpec(kl, { mode: 'ova' }), oneHot)).toBeCloseTo(Math.LN2, 5);
    expect(evaluateObjective(createFromSpec(kl, { mode: 'ovo' }), oneHot)).toBeCloseTo(13.815511, 4);
    expect(evaluateObjective(createFromSpec(kl, { mode: 'ovo', epsilon: 1e-6 }), oneHot)).toBeCloseTo(-0.5 * Math.log(1e-6), 4);
  });

  it('mi is the one-vs-all KL', () => {
    expect(evaluateObjective(createFromSpec(mi), p)).toBeCloseTo(0.10644, 5);
    expect(mi.schema.properties).not.toHaveProperty('mode');
  });
});
