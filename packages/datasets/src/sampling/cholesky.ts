/**
 * Lower-triangular L with L·Lᵀ = A (row-major, d × d), or undefined when A is not symmetric
 * positive definite. Symmetry is checked to a relative tolerance.
 */
export function cholesky(matrix: readonly (readonly number[])[]): Float64Array | undefined {
  const d = matrix.length;
  const lower = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const aij = matrix[i]?.[j] as number;
      const aji = matrix[j]?.[i] as number;
      if (Math.abs(aij - aji) > 1e-9 * Math.max(1, Math.abs(aij), Math.abs(aji))) return undefined;
      let sum = aij;
      for (let k = 0; k < j; k++) sum -= (lower[i * d + k] as number) * (lower[j * d + k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        lower[i * d + i] = Math.sqrt(sum);
      } else {
        lower[i * d + j] = sum / (lower[j * d + j] as number);
      }
    }
  }
  return lower;
}
