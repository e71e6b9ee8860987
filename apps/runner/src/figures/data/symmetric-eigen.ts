/** Eigenvalues (descending) and unit eigenvectors of a symmetric matrix; `vectors[i]` belongs to `values[i]`. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: readonly Float64Array[];
}

/**
 * Cyclic Jacobi eigen-solver for a small symmetric matrix (row-major, `size` × `size`, float64). Each rotation
 * zeroes one off-diagonal entry; sweeps repeat until the off-diagonal mass is negligible against the diagonal.
 * Meant for the few-by-few Rayleigh–Ritz matrices of the PCA, where it is exact to rounding.
 */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): SymmetricEigen {
  if (matrix.length !== size * size) throw new RangeError(`matrix must hold ${size}×${size} values, got ${matrix.length}`);
  const a = Float64Array.from(matrix);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < size; i++) {
      diag += a[i * size + i] ** 2;
      for (let j = i + 1; j < size; j++) off += a[i * size + j] ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) rotate(a, v, size, p, q);
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((i, j) => a[j * size + j] - a[i * size + i] || i - j);
  return {
    values: Float64Array.from(order, (i) => a[i * size + i]),
    vectors: order.map((i) => Float64Array.from({ length: size }, (_, r) => v[r * size + i])),
  };
}

/** One Jacobi rotation in the (p, q) plane that zeroes a[p][q]; accumulates the rotation into v's columns. */
function rotate(a: Float64Array, v: Float64Array, size: number, p: number, q: number): void {
  const apq = a[p * size + q];
  if (apq === 0) return;
  const theta = (a[q * size + q] - a[p * size + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < size; k++) {
    const akp = a[k * size + p];
    const akq = a[k * size + q];
    a[k * size + p] = c * akp - s * akq;
    a[k * size + q] = s * akp + c * akq;
  }
  for (let k = 0; k < size; k++) {
    const apk = a[p * size + k];
    const aqk = a[q * size + k];
    a[p * size + k] = c * apk - s * aqk;
    a[q * size + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < size; k++) {
    const vkp = v[k * size + p];
    const vkq = v[k * size + q];
    v[k * size + p] = c * vkp - s * vkq;
    v[k * size + q] = s * vkp + c * vkq;
  }
}
