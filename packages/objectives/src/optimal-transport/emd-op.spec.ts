import { DataError, initBackend, SeededRng, type Tensor1D, type Tensor2D, tf } from '@gemlab/core';
import { availableBackends, expectNoLeakedTensors } from '@gemlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { emd, emdWithCost, readCostMatrix } from './emd-op.js';
import { solveEmd } from './network-simplex.js';

const backends = await availableBackends();

/** A random problem, with every value already rounded to float32 so float64 references see the same inputs. */
function randomProblem(seed: number, n: number, m: number) {
  const rng = new SeededRng(seed);
  const weights = (count: number) => {
    const raw = Float64Array.from({ length: count }, () => rng.uniform(0.05, 1));
    const total = raw.reduce((s, w) => s + w, 0);
    return Float64Array.from(Float32Array.from(raw, (w) => w / total));
  };
  const x = Array.from({ length: n }, () => [rng.next(), rng.next()]);
  const y = Array.from({ length: m }, () => [rng.next(), rng.next()]);
  const cost = Float64Array.from(
    Float32Array.from({ length: n * m }, (_, e) => {
      const p = x[Math.floor(e / m)] as number[];
      const q = y[e % m] as number[];
      return Math.hypot((p[0] as number) - (q[0] as number), (p[1] as number) - (q[1] as number));
    }),
  );
  return { a: weights(n), b: weights(m), cost, n, m, rng };
}

/** A random direction that keeps the total mass (projected onto Σ d = 0), scaled to max |d| = 1. */
function massPreservingDirection(rng: SeededRng, count: number): Float64Array {
  const d = Float64Array.from({ length: count }, () => rng.normal());
  const mean = d.reduce((s, v) => s + v, 0) / count;
  const centred = d.map((v) => v - mean);
  const largest = centred.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  return centred.map((v) => v / largest);
}

const dot = (x: ArrayLike<number>, y: ArrayLike<number>) => Array.from(x).reduce((s, v, i) => s + v * (y[i] as number), 0);
const centred = (values: Float64Array) => {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return [...values].map((v) => v - mean);
};

describe.each(backends)('emd op on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  const { a, b, cost, n, m, rng } = randomProblem(11, 40, 30);
  const tensors = () => ({
    a: tf.tensor1d(Float32Array.from(a)),
    b: tf.tensor1d(Float32Array.from(b)),
    cost: tf.tensor2d(Float32Array.from(cost), [n, m]),
  });

  it('returns the solver cost and the centred dual potentials as gradients', () => {
    const reference = solveEmd(a, b, cost);
    const { a: ta, b: tb, cost: tc } = tensors();
    const value = emd(ta, tb, tc);
    expect(value.shape).toEqual([]);
    expect(value.dataSync()[0]).toBeCloseTo(reference.cost, 6);
    const [gradA, gradB, gradCost] = tf.grads((x, y, c) => emd(x as Tensor1D, y as Tensor1D, c as Tensor2D))([ta, tb, tc]);
    const expectedA = centred(reference.u);
    const expectedB = centred(reference.v);
    expect([...gradA!.dataSync()]).toEqual(expectedA.map((g) => expect.closeTo(g, 6)));
    expect([...gradB!.dataSync()]).toEqual(expectedB.map((g) => expect.closeTo(g, 6)));
    expect(Math.abs(gradA!.sum().dataSync()[0] as number)).toBeLessThan(1e-5);
    expect(gradCost!.shape).toEqual([n, m]);
    expect(gradCost!.abs().max().dataSync()[0]).toBe(0);
    tf.dispose([value, gradA!, gradB!, gradCost!, ta, tb, tc]);
  });

  it('matches float64 finite differences along mass-preserving directions', () => {
    // EMD is linear in (a, b) while the optimal basis stays put, so a tiny central difference
    // of the float64 solver is exact up to rounding; the op's float32 gradient must match it.
    const { a: ta, b: tb, cost: tc } = tensors();
    const [gradA, gradB] = tf.grads((x, y) => emd(x as Tensor1D, y as Tensor1D, tc))([ta, tb]);
    const h = 1e-7;
    for (let trial = 0; trial < 3; trial++) {
      const da = massPreservingDirection(rng, n);
      const db = massPreservingDirection(rng, m);
      const along = (s: number) =>
        solveEmd(
          a.map((w, i) => w + s * (da[i] as number)),
          b.map((w, j) => w + s * (db[j] as number)),
          cost,
        ).cost;
      const finiteDifference = (along(h) - along(-h)) / (2 * h);
      const analytic = dot(gradA!.dataSync(), da) + dot(gradB!.dataSync(), db);
      expect(Math.abs(analytic - finiteDifference)).toBeLessThan(1e-4 * Math.max(1, Math.abs(finiteDifference)));
      expect(Math.abs(finiteDifference)).toBeGreaterThan(1e-3); // a direction the test can see
    }
    tf.dispose([gradA!, gradB!, ta, tb, tc]);
  });

  it('gives the same value and gradients through emdWithCost', () => {
    const { a: ta, b: tb, cost: tc } = tensors();
    const matrix = readCostMatrix(tc);
    const viaTensor = tf.valueAndGrads((x, y) => emd(x as Tensor1D, y as Tensor1D, tc))([ta, tb]);
    const viaMatrix = tf.valueAndGrads((x, y) => emdWithCost(x as Tensor1D, y as Tensor1D, matrix))([ta, tb]);
    expect(viaMatrix.value.dataSync()[0]).toBe(viaTensor.value.dataSync()[0]);
    expect([...viaMatrix.grads[0]!.dataSync()]).toEqual([...viaTensor.grads[0]!.dataSync()]);
    expect([...viaMatrix.grads[1]!.dataSync()]).toEqual([...viaTensor.grads[1]!.dataSync()]);
    tf.dispose([viaTensor.value, ...viaTensor.grads, viaMatrix.value, ...viaMatrix.grads, ta, tb, tc]);
  });

  it('leaves no tensors behind, forward or backward', () => {
    const { a: ta, b: tb, cost: tc } = tensors();
    expectNoLeakedTensors('emd', () => emd(ta, tb, tc), 1);
    expectNoLeakedTensors(
      'emd gradient',
      () => tf.grads((x, y, c) => emd(x as Tensor1D, y as Tensor1D, c as Tensor2D))([ta, tb, tc]),
      3,
    );
    tf.dispose([ta, tb, tc]);
  });

  it('rejects mismatched shapes and masses with a DataError', () => {
    const { a: ta, b: tb, cost: tc } = tensors();
    expect(() => emd(tb, ta, tc)).toThrow(DataError);
    expect(() => emd(ta, tb, tc)).not.toThrow();
    const half = tf.mul(tb, 0.5) as Tensor1D;
    expect(() => emd(ta, half, tc)).toThrow(/equal total mass/);
    tf.dispose([ta, tb, tc, half]);
  });
});
