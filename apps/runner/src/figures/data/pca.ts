import { symmetricEigen } from './symmetric-eigen.js';

/** The two leading principal axes of a data set, and the variances along them. */
export interface PrincipalPlane {
  /** Unit vectors of length d, each with its largest-magnitude entry positive (a fixed sign). */
  readonly components: readonly [Float64Array, Float64Array];
  /** Sample variances (divided by n − 1) along the two components, descending. */
  readonly variances: readonly [number, number];
  /** The total sample variance, the sum over all d dimensions. */
  readonly totalVariance: number;
  /** The n × 2 coordinates of the centred rows on the two components, row-major. */
  readonly coordinates: Float64Array;
}

const blockSize = 6;
const maxIterations = 300;
const tolerance = 1e-9;

/**
 * 2-D PCA of n rows of d features (row-major), in float64: block power (subspace) iteration on the implicit
 * covariance XᵀX/(n−1), with a Rayleigh–Ritz step per iteration and a block of 6 so that close third and fourth
 * eigenvalues do not slow the leading two down. The covariance is never formed, so d = 784 costs O(n·d) per step.
 */
export function principalPlane(x: ArrayLike<number>, n: number, d: number): PrincipalPlane {
  if (d < 2) throw new RangeError(`principalPlane needs at least 2 features, got ${d}`);
  if (x.length !== n * d) throw new RangeError(`x must hold ${n}×${d} values, got ${x.length}`);
  const centred = centre(x, n, d);
  const totalVariance = centred.reduce((sum, value) => sum + value * value, 0) / Math.max(n - 1, 1);
  const p = Math.min(blockSize, d);
  let q = orthonormalise(startingBlock(d, p), d, p);
  let ritz: RitzPairs = { values: new Float64Array(p), vectors: q, image: q };
  for (let iteration = 0; iteration < maxIterations && totalVariance > 0; iteration++) {
    ritz = rayleighRitz(centred, n, d, p, q);
    if (converged(ritz, d, p)) break;
    q = orthonormalise(ritz.image, d, p);
  }
  const components = [0, 1].map((c) => fixSign(column(ritz.vectors, d, p, c))) as [Float64Array, Float64Array];
  const coordinates = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += centred[i * d + j] * components[c][j];
      coordinates[i * 2 + c] = dot;
    }
  }
  const variances: [number, number] = totalVariance > 0 ? [ritz.values[0], ritz.values[1]] : [0, 0];
  return { components, variances, totalVariance, coordinates };
}

function centre(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = x[i * d + j] - mean[j];
  return centred;
}

/** A fixed, full-rank d × p start (row-major): the identity's columns plus a deterministic dense perturbation. */
function startingBlock(d: number, p: number): Float64Array {
  const block = new Float64Array(d * p);
  let state = 0x2545f491;
  for (let k = 0; k < d * p; k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    block[k] = state / 2 ** 32 - 0.5;
  }
  for (let c = 0; c < p; c++) block[c * p + c] += 1;
  return block;
}

/** C·Q for the d × p block Q (row-major), with C = XᵀX/(n−1), without forming C. */
function covarianceTimes(centred: Float64Array, n: number, d: number, p: number, q: Float64Array): Float64Array {
  const image = new Float64Array(d * p);
  const projected = new Float64Array(p);
  const scale = 1 / Math.max(n - 1, 1);
  for (let i = 0; i < n; i++) {
    projected.fill(0);
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const value = centred[row + j];
      if (value !== 0) for (let c = 0; c < p; c++) projected[c] += value * q[j * p + c];
    }
    for (let j = 0; j < d; j++) {
      const value = centred[row + j] * scale;
      if (value !== 0) for (let c = 0; c < p; c++) image[j * p + c] += value * projected[c];
    }
  }
  return image;
}

/** Ritz values (descending), Ritz vectors V (d × p) and their image C·V, all row-major. */
interface RitzPairs {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
  readonly image: Float64Array;
}

/** Ritz pairs of C on span(Q): eigen-decomposes QᵀCQ (p × p) and rotates Q (and C·Q) onto its eigenvectors. */
function rayleighRitz(centred: Float64Array, n: number, d: number, p: number, q: Float64Array): RitzPairs {
  const image = covarianceTimes(centred, n, d, p, q);
  const small = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[j * p + a] * image[j * p + b];
      small[a * p + b] = dot;
      small[b * p + a] = dot;
    }
  }
  const eigen = symmetricEigen(small, p);
  const rotateColumns = (block: Float64Array) => {
    const rotated = new Float64Array(d * p);
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < p; c++) {
        let sum = 0;
        for (let a = 0; a < p; a++) sum += block[j * p + a] * eigen.vectors[c][a];
        rotated[j * p + c] = sum;
      }
    }
    return rotated;
  };
  return { values: eigen.values, vectors: rotateColumns(q), image: rotateColumns(image) };
}

/** Both leading Ritz pairs have residual ‖Cv − λv‖ below tolerance × λ₁. */
function converged(ritz: RitzPairs, d: number, p: number): boolean {
  const bound = tolerance * Math.max(ritz.values[0], Number.MIN_VALUE);
  for (let c = 0; c < 2; c++) {
    let residual = 0;
    for (let j = 0; j < d; j++) residual += (ritz.image[j * p + c] - ritz.values[c] * ritz.vectors[j * p + c]) ** 2;
    if (Math.sqrt(residual) > bound) return false;
  }
  return true;
}

/**
 * Modified Gram–Schmidt (twice, for stability) on the columns of a d × p block (row-major). A column that falls in
 * the span of the earlier ones (data of rank below p) is replaced by the first unit vector e_k that does not.
 */
function orthonormalise(block: Float64Array, d: number, p: number): Float64Array {
  const q = Float64Array.from(block);
  for (let c = 0; c < p; c++) {
    if (normaliseAgainst(q, d, p, c)) continue;
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < d; j++) q[j * p + c] = j === k ? 1 : 0;
      if (normaliseAgainst(q, d, p, c)) break;
    }
  }
  return q;
}

/** Orthogonalises column c against columns 0..c-1 and normalises it; false when (almost) nothing is left. */
function normaliseAgainst(q: Float64Array, d: number, p: number, c: number): boolean {
  let before = 0;
  for (let j = 0; j < d; j++) before += q[j * p + c] ** 2;
  for (let pass = 0; pass < 2; pass++) {
    for (let prev = 0; prev < c; prev++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[j * p + prev] * q[j * p + c];
      for (let j = 0; j < d; j++) q[j * p + c] -= dot * q[j * p + prev];
    }
  }
  let norm = 0;
  for (let j = 0; j < d; j++) norm += q[j * p + c] ** 2;
  if (!(norm > 1e-20 * before) || norm === 0) return false;
  const scale = 1 / Math.sqrt(norm);
  for (let j = 0; j < d; j++) q[j * p + c] *= scale;
  return true;
}

function column(block: Float64Array, d: number, p: number, c: number): Float64Array {
  return Float64Array.from({ length: d }, (_, j) => block[j * p + c]);
}

/** Flips a component so that its largest-magnitude entry is positive: the same data always gives the same picture. */
function fixSign(vector: Float64Array): Float64Array {
  let largest = 0;
  for (let j = 1; j < vector.length; j++) if (Math.abs(vector[j]) > Math.abs(vector[largest]) + 1e-12) largest = j;
  if (vector[largest] < 0) for (let j = 0; j < vector.length; j++) vector[j] = -vector[j];
  return vector;
}
