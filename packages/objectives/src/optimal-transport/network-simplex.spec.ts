import { DataError, SeededRng } from '@gemlab/core';
import { runPython } from '@gemlab/core/testing';
import { describe, expect, it } from 'vitest';
import { type EmdResult, solveEmd } from './network-simplex.js';

const f64 = (values: readonly number[]) => Float64Array.from(values);

/** Row-major cost matrix c(x_i, y_j) between point lists. */
function costMatrix(x: readonly number[][], y: readonly number[][], metric = euclideanDistance): Float64Array {
  const cost = new Float64Array(x.length * y.length);
  x.forEach((xi, i) => {
    y.forEach((yj, j) => {
      cost[i * y.length + j] = metric(xi, yj);
    });
  });
  return cost;
}

function euclideanDistance(p: readonly number[], q: readonly number[]): number {
  return Math.hypot(...p.map((value, d) => value - (q[d] as number)));
}

function randomPoints(rng: SeededRng, count: number, dimension = 2): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: dimension }, () => rng.next()));
}

/** Random weights summing to 1, with about `zeroShare` of them exactly 0 (never all). */
function randomWeights(rng: SeededRng, count: number, zeroShare = 0): Float64Array {
  const weights = Float64Array.from({ length: count }, () => (rng.next() < zeroShare ? 0 : rng.uniform(0.01, 1)));
  if (weights.every((w) => w === 0)) weights[0] = 1;
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

/** The LP optimality certificate: primal feasible plan, feasible duals, complementary slackness. */
function expectOptimalityCertificate(a: Float64Array, b: Float64Array, cost: Float64Array, result: EmdResult): void {
  const n = a.length;
  const m = b.length;
  const scale = cost.reduce((largest, c) => Math.max(largest, Math.abs(c)), 1e-300);
  const massB = b.reduce((s, w) => s + w, 0);
  const massA = a.reduce((s, w) => s + w, 0);
  // dual feasibility everywhere
  let worstViolation = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      worstViolation = Math.max(worstViolation, (result.u[i] as number) + (result.v[j] as number) - (cost[i * m + j] as number));
    }
  }
  expect(worstViolation).toBeLessThanOrEqual(1e-9 * scale);
  // marginals of the plan, non-negativity, and equality of the duals on its support
  const rowMass = new Float64Array(n);
  const colMass = new Float64Array(m);
  let primal = 0;
  for (let k = 0; k < result.plan.mass.length; k++) {
    const i = result.plan.rows[k] as number;
    const j = result.plan.cols[k] as number;
    const mass = result.plan.mass[k] as number;
    expect(mass).toBeGreaterThan(0);
    rowMass[i] = (rowMass[i] as number) + mass;
    colMass[j] = (colMass[j] as number) + mass;
    primal += mass * (cost[i * m + j] as number);
    expect(Math.abs((result.u[i] as number) + (result.v[j] as number) - (cost[i * m + j] as number))).toBeLessThanOrEqual(
      1e-9 * scale,
    );
  }
  expect(result.plan.mass.length).toBeLessThanOrEqual(n + m - 1);
  for (let i = 0; i < n; i++) expect(Math.abs((rowMass[i] as number) - (a[i] as number))).toBeLessThanOrEqual(1e-12);
  for (let j = 0; j < m; j++) {
    expect(Math.abs((colMass[j] as number) - ((b[j] as number) * massA) / massB)).toBeLessThanOrEqual(1e-12);
  }
  // strong duality: Σ a u + Σ b v = cost
  let dual = 0;
  for (let i = 0; i < n; i++) dual += (a[i] as number) * (result.u[i] as number);
  for (let j = 0; j < m; j++) dual += (((b[j] as number) * massA) / massB) * (result.v[j] as number);
  expect(Math.abs(primal - result.cost)).toBeLessThanOrEqual(1e-12 * Math.max(1, result.cost));
  expect(Math.abs(dual - result.cost)).toBeLessThanOrEqual(1e-10 * scale);
}

describe('solveEmd on hand-computed problems', () => {
  it('solves a 2×2 problem', () => {
    // a = (0.7, 0.3), b = (0.4, 0.6), D = [[1, 2], [3, 1]]. Plans: γ11 = t, γ12 = 0.7 − t,
    // γ21 = 0.4 − t, γ22 = t − 0.1 for t ∈ [0.1, 0.4]; cost = 2.5 − 3t, minimal at t = 0.4: 1.3.
    // Duals from equality on the support {11, 12, 22}: u1 + v1 = 1, u1 + v2 = 2, u2 + v2 = 1;
    // with mean(u) = 0: u = (0.5, −0.5), v = (0.5, 1.5); cell 21: −0.5 + 0.5 = 0 ≤ 3.
    const a = f64([0.7, 0.3]);
    const b = f64([0.4, 0.6]);
    const cost = f64([1, 2, 3, 1]);
    const result = solveEmd(a, b, cost);
    expect(result.cost).toBeCloseTo(1.3, 14);
    expect([...result.u]).toEqual([expect.closeTo(0.5, 14), expect.closeTo(-0.5, 14)]);
    expect([...result.v]).toEqual([expect.closeTo(0.5, 14), expect.closeTo(1.5, 14)]);
    const plan = new Map([...result.plan.mass].map((mass, k) => [`${result.plan.rows[k]}${result.plan.cols[k]}`, mass]));
    expect(plan.get('00')).toBeCloseTo(0.4, 14);
    expect(plan.get('01')).toBeCloseTo(0.3, 14);
    expect(plan.get('11')).toBeCloseTo(0.3, 14);
    expect(plan.has('10')).toBe(false);
    expectOptimalityCertificate(a, b, cost, result);
  });

  it('solves a 3×3 problem on the line', () => {
    // Sources at 0, 1, 2 with a = (0.2, 0.5, 0.3); targets at 0.5, 1.5, 3 with b = (0.3, 0.3, 0.4);
    // cost |x − y|. In 1-D, EMD = ∫|F − G|: 0.2·0.5 + 0.1·0.5 + 0.4·0.5 + 0.1·0.5 + 0.4·1 = 0.8.
    const a = f64([0.2, 0.5, 0.3]);
    const b = f64([0.3, 0.3, 0.4]);
    const cost = costMatrix([[0], [1], [2]], [[0.5], [1.5], [3]]);
    const result = solveEmd(a, b, cost);
    expect(result.cost).toBeCloseTo(0.8, 14);
    expectOptimalityCertificate(a, b, cost, result);
  });

  it('finds the optimal assignment for uniform weights (checked against all 5! permutations)', () => {
    // With n = m and uniform weights an optimal plan is a permutation (Birkhoff), so the
    // minimum over the 120 permutations is the EMD.
    const rng = new SeededRng(7);
    const cost = Float64Array.from({ length: 25 }, () => rng.uniform(0, 10));
    let best = Number.POSITIVE_INFINITY;
    for (const permutation of permutations([0, 1, 2, 3, 4])) {
      best = Math.min(
        best,
        permutation.reduce((s, j, i) => s + (cost[i * 5 + j] as number) / 5, 0),
      );
    }
    const uniform = new Float64Array(5).fill(0.2);
    const result = solveEmd(uniform, uniform, cost);
    expect(result.cost).toBeCloseTo(best, 13);
    expectOptimalityCertificate(uniform, uniform, cost, result);
  });
});

describe('solveEmd on degenerate problems', () => {
  it('leaves out zero-weight points and still gives them feasible potentials', () => {
    // The 2×2 problem above with a zero-weight source and target added: same optimum, 1.3.
    const a = f64([0.7, 0, 0.3]);
    const b = f64([0, 0.4, 0.6]);
    const cost = f64([5, 1, 2, 0, 0, 0, 9, 3, 1]);
    const result = solveEmd(a, b, cost);
    expect(result.cost).toBeCloseTo(1.3, 14);
    expectOptimalityCertificate(a, b, cost, result);
    // the tightest feasible value: zero-weight target 0 touches its constraint somewhere
    expect(
      Math.min(...[0, 1, 2].map((i) => (cost[i * 3] as number) - (result.u[i] as number) - (result.v[0] as number))),
    ).toBeCloseTo(0, 14);
  });

  it('handles complete ties (every cost equal): cost 1', () => {
    const rng = new SeededRng(1);
    const a = randomWeights(rng, 30);
    const b = randomWeights(rng, 20);
    const result = solveEmd(a, b, new Float64Array(600).fill(1));
    expect(result.cost).toBeCloseTo(1, 14);
    expectOptimalityCertificate(a, b, new Float64Array(600).fill(1), result);
  });

  it('handles ties on an integer grid with Manhattan costs: identical laws cost 0', () => {
    const grid = Array.from({ length: 100 }, (_, k) => [k % 10, Math.floor(k / 10)]);
    const manhattan = (p: readonly number[], q: readonly number[]) =>
      p.reduce((s, v, d) => s + Math.abs(v - (q[d] as number)), 0);
    const cost = costMatrix(grid, grid, manhattan);
    const uniform = new Float64Array(100).fill(0.01);
    const same = solveEmd(uniform, uniform, cost);
    expect(same.cost).toBe(0);
    expectOptimalityCertificate(uniform, uniform, cost, same);
    // all the mass of the left half moved one column right: every unit travels exactly 1
    const left = Float64Array.from(grid, ([x]) => ((x as number) < 5 ? 0.02 : 0));
    const shifted = Float64Array.from(grid, ([x]) => ((x as number) >= 1 && (x as number) <= 5 ? 0.02 : 0));
    const moved = solveEmd(left, shifted, cost);
    expect(moved.cost).toBeCloseTo(1, 13);
    expectOptimalityCertificate(left, shifted, cost, moved);
  });

  it('handles duplicate points (D_ij = 0 for i ≠ j) and an all-zero cost matrix', () => {
    // Three distinct sites, each repeated: mass only has to move between sites.
    // Sites 0, 1, 2 on the line; a puts 0.5, 0.5, 0 on them, b puts 0, 0.5, 0.5 → cost 0.5·1 + 0.5·1 = 1.
    const sites = [[0], [1], [2]];
    const points = Array.from({ length: 12 }, (_, k) => sites[k % 3] as number[]);
    const cost = costMatrix(points, points);
    const a = Float64Array.from(points, ([x]) => (x === 2 ? 0 : 0.125));
    const b = Float64Array.from(points, ([x]) => (x === 0 ? 0 : 0.125));
    const result = solveEmd(a, b, cost);
    expect(result.cost).toBeCloseTo(1, 14);
    expectOptimalityCertificate(a, b, cost, result);
    const zero = solveEmd(a, b, new Float64Array(144));
    expect(zero.cost).toBe(0);
    expectOptimalityCertificate(a, b, new Float64Array(144), zero);
  });

  it('handles one-point supports on either side', () => {
    // A single source sends b_j to every target j: cost Σ_j b_j D_1j = 0.2·1 + 0.3·2 + 0.5·4 = 2.8.
    const b = f64([0.2, 0.3, 0.5]);
    const row = f64([1, 2, 4]);
    const single = solveEmd(f64([1]), b, row);
    expect(single.cost).toBeCloseTo(2.8, 14);
    expectOptimalityCertificate(f64([1]), b, row, single);
    const column = solveEmd(b, f64([1]), row);
    expect(column.cost).toBeCloseTo(2.8, 14);
    expectOptimalityCertificate(b, f64([1]), row, column);
    const point = solveEmd(f64([1]), f64([1]), f64([3.5]));
    expect(point.cost).toBe(3.5);
    expect(point.u[0]! + point.v[0]!).toBeCloseTo(3.5, 14);
  });

  it('solves rectangular problems (n ≠ m) and negative costs', () => {
    const rng = new SeededRng(3);
    for (const [n, m] of [
      [3, 17],
      [40, 7],
    ] as const) {
      const a = randomWeights(rng, n);
      const b = randomWeights(rng, m);
      const cost = Float64Array.from({ length: n * m }, () => rng.uniform(-1, 1));
      expectOptimalityCertificate(a, b, cost, solveEmd(a, b, cost));
    }
  });

  it('rescales b to the mass of a when they differ by rounding, and the cost scales with the mass', () => {
    const a = f64([0.7, 0.3]);
    const b = f64([0.4 * (1 + 1e-9), 0.6 * (1 + 1e-9)]);
    expect(solveEmd(a, b, f64([1, 2, 3, 1])).cost).toBeCloseTo(1.3, 12);
    expect(solveEmd(f64([1.4, 0.6]), f64([0.8, 1.2]), f64([1, 2, 3, 1])).cost).toBeCloseTo(2.6, 13);
  });

  it('rejects unusable inputs with a DataError naming the culprit', () => {
    const cost = f64([1, 2, 3, 1]);
    expect(() => solveEmd(f64([0.5, 0.5]), f64([0.5, 0.6]), cost)).toThrow(/equal total mass/);
    expect(() => solveEmd(f64([1.5, -0.5]), f64([0.5, 0.5]), cost)).toThrow(/a\[1\] = -0.5/);
    expect(() => solveEmd(f64([0.5, 0.5]), f64([0.5, Number.NaN]), cost)).toThrow(/b\[1\] = NaN/);
    expect(() => solveEmd(f64([0, 0]), f64([0, 0]), cost)).toThrow(/positive mass/);
    expect(() => solveEmd(f64([0.5, 0.5]), f64([0.5, 0.5]), f64([1, 2, 3]))).toThrow(/3 entries; expected 2×2/);
    expect(() => solveEmd(f64([0.5, 0.5]), f64([0.5, 0.5]), f64([1, 2, Number.POSITIVE_INFINITY, 1]))).toThrow(/cost\[1\]\[0\]/);
    expect(() => solveEmd(f64([]), f64([1]), f64([]))).toThrow(DataError);
  });
});

describe('solveEmd against POT ot.emd2', () => {
  it('agrees to 1e-9 on random Euclidean problems up to 300 points, zero weights included', () => {
    const rng = new SeededRng(2024);
    const problems = (
      [
        [5, 5, 0],
        [20, 13, 0.2],
        [64, 64, 0.1],
        [150, 120, 0.05],
        [300, 300, 0.1],
        [300, 250, 0],
      ] as const
    ).map(([n, m, zeroShare]) => {
      const a = randomWeights(rng, n, zeroShare);
      const b = randomWeights(rng, m, zeroShare);
      const cost = costMatrix(randomPoints(rng, n, 3), randomPoints(rng, m, 3));
      return { a, b, cost };
    });
    const reference = runPython<number[]>(
      `
import json, sys
import numpy as np, ot
out = []
for p in json.load(sys.stdin):
    a = np.array(p['a'], dtype=np.float64); b = np.array(p['b'], dtype=np.float64)
    M = np.array(p['cost'], dtype=np.float64).reshape(len(a), len(b))
    out.append(float(ot.emd2(a, b, M, numItermax=10**8)))
print(json.dumps(out))
`,
      problems.map(({ a, b, cost }) => ({ a: [...a], b: [...b], cost: [...cost] })),
    );
    problems.forEach(({ a, b, cost }, k) => {
      const result = solveEmd(a, b, cost);
      const expected = reference[k] as number;
      expect(Math.abs(result.cost - expected)).toBeLessThanOrEqual(1e-9 * expected);
      expectOptimalityCertificate(a, b, cost, result);
    });
  });

  it('solves 1000×1000 in a few seconds', () => {
    const rng = new SeededRng(5);
    const a = randomWeights(rng, 1000);
    const b = randomWeights(rng, 1000);
    const cost = costMatrix(randomPoints(rng, 1000), randomPoints(rng, 1000));
    const started = performance.now();
    const result = solveEmd(a, b, cost);
    expect(performance.now() - started).toBeLessThan(10_000);
    expectOptimalityCertificate(a, b, cost, result);
  });
});

function* permutations(items: readonly number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let k = 0; k < items.length; k++) {
    const rest = [...items.slice(0, k), ...items.slice(k + 1)];
    for (const tail of permutations(rest)) yield [items[k] as number, ...tail];
  }
}
