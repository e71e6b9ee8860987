import { DataError, type Scalar, type Tensor, type Tensor1D, type Tensor2D, tf } from '@gemlab/core';
import { solveEmd } from './network-simplex.js';

/** A cost matrix read once into float64, so that many solves against it copy it once. */
export interface CostMatrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Largest relative difference of Σa and Σb taken as float32 rounding (b is then rescaled to Σa). */
const FLOAT32_MASS_TOLERANCE = 1e-4;

/** Reads a tensor cost matrix into float64 (the solver's precision). */
export function readCostMatrix(cost: Tensor2D): CostMatrix {
  const [rows, cols] = cost.shape;
  return { values: Float64Array.from(cost.dataSync()), rows, cols };
}

/**
 * The exact earth mover's distance as a differentiable scalar: min Σ γ_ij D_ij over couplings
 * γ ≥ 0 with marginals a and b (b rescaled to a's mass, which absorbs float32 rounding).
 * Gradients are the solver's dual potentials, centred as in POT: ∂/∂a = u − mean(u),
 * ∂/∂b = v − mean(v). The cost is a constant here (zero gradient): affinities are never
 * differentiated. EMD is piecewise linear in (a, b); at a kink this is one subgradient.
 */
export function emd(a: Tensor1D, b: Tensor1D, cost: Tensor2D): Scalar {
  checkShapes(a, b, cost.shape);
  const matrix = readCostMatrix(cost);
  const op = tf.customGrad((...inputs: unknown[]) => {
    const [weightsA, weightsB, costTensor] = inputs as [Tensor1D, Tensor1D, Tensor2D];
    const { value, gradA, gradB } = solveForTape(weightsA, weightsB, matrix);
    return {
      value,
      gradFunc: (dy: Tensor) => tf.tidy(() => [dy.mul(gradA()), dy.mul(gradB()), tf.zerosLike(costTensor)]),
    };
  });
  return op(a, b, cost) as Scalar;
}

/** `emd` against a cost matrix already read with `readCostMatrix` (no gradient to the cost). */
export function emdWithCost(a: Tensor1D, b: Tensor1D, cost: CostMatrix): Scalar {
  checkShapes(a, b, [cost.rows, cost.cols]);
  const op = tf.customGrad((...inputs: unknown[]) => {
    const [weightsA, weightsB] = inputs as [Tensor1D, Tensor1D];
    const { value, gradA, gradB } = solveForTape(weightsA, weightsB, cost);
    return { value, gradFunc: (dy: Tensor) => tf.tidy(() => [dy.mul(gradA()), dy.mul(gradB())]) };
  });
  return op(a, b) as Scalar;
}

function solveForTape(a: Tensor1D, b: Tensor1D, cost: CostMatrix) {
  const weightsA = Float64Array.from(a.dataSync());
  const weightsB = Float64Array.from(b.dataSync());
  const massA = total(weightsA);
  const massB = total(weightsB);
  if (Math.abs(massA - massB) > FLOAT32_MASS_TOLERANCE * Math.max(massA, massB)) {
    throw new DataError(`emd: weights must have equal total mass (Σa = ${massA}, Σb = ${massB})`);
  }
  for (let j = 0; j < weightsB.length; j++) weightsB[j] = ((weightsB[j] as number) * massA) / massB;
  const solution = solveEmd(weightsA, weightsB, cost.values);
  return {
    value: tf.scalar(solution.cost),
    gradA: () => tf.tensor1d(centred(solution.u)),
    gradB: () => tf.tensor1d(centred(solution.v)),
  };
}

function checkShapes(a: Tensor1D, b: Tensor1D, costShape: readonly number[]): void {
  if (a.rank !== 1 || b.rank !== 1 || costShape[0] !== a.size || costShape[1] !== b.size) {
    throw new DataError(
      `emd: cost matrix of shape [${costShape.join(', ')}] does not match weights of shapes [${a.shape}] and [${b.shape}]`,
    );
  }
}

function total(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum;
}

function centred(values: Float64Array): Float32Array {
  const mean = total(values) / values.length;
  return Float32Array.from(values, (value) => value - mean);
}
