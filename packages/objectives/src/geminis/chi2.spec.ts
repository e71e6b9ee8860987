import { initBackend } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec, evaluateObjective } from '../testing.js';
import { chi2 } from './chi2.js';

// Four points, two clusters, π = (½, ½). Computed by hand:
//   OvA = (1/N) ΣΣ p²/π − 1 = ¼·2·Σ_i (p_i1² + p_i2²) − 1 = ½(0.68 + 0.52 + 0.52 + 0.68) − 1 = 0.2
//   OvO = (1/N) Σ_i (Σ_k p_ik²/π_k)(Σ_l π_l²/p_il) − 1, per row 2(p1² + p2²)·¼(1/p1 + 1/p2):
//         rows 1, 4: 1.36·1.5625 = 2.125; rows 2, 3: 1.04·1.041667 = 1.083333
//       = ¼·2·(2.125 + 1.083333) − 1 = 0.604167
// gemclus's ChiSquareGEMINI reports ½ (1/N)Σ… without −1 for the same p: 0.6 and 0.802083.
const p = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];

describe('chi2 GEMINI', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches the hand-computed values (definition with −1, no ½)', () => {
    expect(evaluateObjective(createFromSpec(chi2, { mode: 'ova' }), p)).toBeCloseTo(0.2, 5);
    expect(evaluateObjective(createFromSpec(chi2, { mode: 'ovo' }), p)).toBeCloseTo(0.604167, 5);
  });

  it('is K − 1 (OvA) for a balanced one-hot clustering', () => {
    // Σ_k p_ik²/π_k = 1/π = K per row, so (1/N)·N·K − 1 = K − 1.
    const oneHot = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    expect(evaluateObjective(createFromSpec(chi2, { mode: 'ova' }), oneHot)).toBeCloseTo(2, 5);
  });
});
