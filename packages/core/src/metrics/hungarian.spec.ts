import { describe, expect, it } from 'vitest';
import { maxWeightAssignment, minCostAssignment } from './hungarian.js';

function totalCost(cost: number[][], assignment: Int32Array): number {
  return [...assignment].reduce((sum, column, row) => (column >= 0 ? sum + cost[row][column] : sum), 0);
}

/** Every assignment of rows to distinct columns (n ≤ m), for a brute-force optimum. */
function bruteForceMinimum(cost: number[][]): number {
  const m = cost[0].length;
  const used = new Array<boolean>(m).fill(false);
  const search = (row: number): number => {
    if (row === cost.length) return 0;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      best = Math.min(best, cost[row][j] + search(row + 1));
      used[j] = false;
    }
    return best;
  };
  return search(0);
}

describe('Hungarian assignment', () => {
  it('solves a square textbook case', () => {
    // [[4,1,3],[2,0,5],[3,2,2]]: 0→1, 1→0, 2→2 costs 1 + 2 + 2 = 5, the minimum of the 6 permutations
    // (scipy.optimize.linear_sum_assignment gives the same).
    expect([
      ...minCostAssignment([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    ]).toEqual([1, 0, 2]);
  });

  it('matches every row when there are more columns', () => {
    // Both rows are cheapest in column 2; of the 6 assignments (0→2, 1→0) = 1 + 1 = 2 is the minimum
    // ((0→1, 1→2) = 3, (0→0, 1→2) = 5, the rest ≥ 4) ⇒ [2, 0].
    expect([
      ...minCostAssignment([
        [5, 3, 1],
        [1, 4, 0],
      ]),
    ]).toEqual([2, 0]);
  });

  it('leaves rows unmatched when there are fewer columns', () => {
    // 3 rows, 2 columns: best is row 0 → column 1 (1) and row 2 → column 0 (0); row 1 unmatched.
    expect([
      ...minCostAssignment([
        [9, 1],
        [4, 6],
        [0, 8],
      ]),
    ]).toEqual([1, -1, 0]);
  });

  it('maximises weights', () => {
    expect([
      ...maxWeightAssignment([
        [2, 1, 0],
        [0, 1, 2],
      ]),
    ]).toEqual([0, 2]);
  });

  it('handles empty and single-entry matrices', () => {
    expect([...minCostAssignment([])]).toEqual([]);
    expect([...minCostAssignment([[3]])]).toEqual([0]);
  });

  it('reaches the brute-force optimum on random rectangular integer matrices with ties', () => {
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 16;
    };
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + (next() % 6);
      const columns = 1 + (next() % 6);
      const cost = Array.from({ length: rows }, () => Array.from({ length: columns }, () => next() % 5));
      const assignment = minCostAssignment(cost);
      const assigned = [...assignment].filter((column) => column >= 0);
      expect(assigned.length).toBe(Math.min(rows, columns));
      expect(new Set(assigned).size).toBe(assigned.length);
      const optimum =
        rows <= columns ? bruteForceMinimum(cost) : bruteForceMinimum(cost[0].map((_, j) => cost.map((row) => row[j])));
      expect(totalCost(cost, assignment)).toBe(optimum);
    }
  });

  it('rejects ragged and non-finite matrices', () => {
    expect(() => minCostAssignment([[1, 2], [3]])).toThrow(/row 1 has 1 entries, expected 2/);
    expect(() => minCostAssignment([[1, Number.NaN]])).toThrow(RangeError);
  });
});
