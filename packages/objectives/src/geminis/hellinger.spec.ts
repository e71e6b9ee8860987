import { initBackend } from '@gemlab/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFromSpec, evaluateObjective } from '../testing.js';
import { hellinger } from './hellinger.js';

// Four points, two clusters, π = (½, ½). Computed by hand, with √0.8 = 0.894427, √0.2 = 0.447214,
// √0.6 = 0.774597, √0.4 = 0.632456:
//   OvA = 1 − (1/N) ΣΣ √(π_k p_ik) = 1 − (√½/4)·2·(0.894427 + 0.447214 + 0.774597 + 0.632456)
//       = 1 − 0.353553·2.748694 = 0.028190
//   OvO = 1 − (1/N) Σ_i (Σ_k √(π_k p_ik))² = 1 − (1/8) Σ_i (1 + 2√(p_i1 p_i2))
//       = 1 − (1/8)(4 + 4(√0.16 + √0.24)) = 1 − (4 + 4·0.889898)/8 = 0.055051
const p = [
  [0.8, 0.2],
  [0.6, 0.4],
  [0.4, 0.6],
  [0.2, 0.8],
];

describe('hellinger GEMINI', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('matches the hand-computed values', () => {
    expect(evaluateObjective(createFromSpec(hellinger, { mode: 'ova' }), p)).toBeCloseTo(0.02819, 5);
    expect(evaluateObjective(createFromSpec(hellinger, { mode: 'ovo' }), p)).toBeCloseTo(0.055051, 5);
  });

  it('is 1 − √½ (OvA) and ½ (OvO) for a one-hot 2-cluster split', () => {
    // OvA: Σ_k √(π_k p_ik) = √½ per row, so 1 − √½ = 0.292893.
    const oneHot = [
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    expect(evaluateObjective(createFromSpec(hellinger, { mode: 'ova' }), oneHot)).toBeCloseTo(1 - Math.SQRT1_2, 5);
    // OvO: 1 − (1/N) Σ_i (√½)² = ½ (= π_1π_2·2·H²(w_1, w_2) with H² = 1 for disjoint laws).
    expect(evaluateObjective(createFromSpec(hellinger, { mode: 'ovo' }), oneHot)).toBeCloseTo(0.5, 5);
  });
});
