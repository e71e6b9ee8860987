/**
 * Central-difference gradient of f at `at`, Richardson-extrapolated (error O(h⁴)). f takes
 * float32 inputs (a tensor program), so each step is measured as the float32 inputs actually
 * differ, and the differences are taken in float64.
 */
export function finiteDifferenceGradient(f: (values: Float32Array) => number, at: Float32Array, step = 3e-3): Float64Array {
  const gradient = new Float64Array(at.length);
  const probe = Float32Array.from(at);
  const centralDifference = (index: number, h: number): number => {
    const origin = at[index] as number;
    probe[index] = origin + h;
    const upper = probe[index] as number;
    const fUpper = f(probe);
    probe[index] = origin - h;
    const lower = probe[index] as number;
    const fLower = f(probe);
    probe[index] = origin;
    return (fUpper - fLower) / (upper - lower);
  };
  for (let i = 0; i < at.length; i++) {
    const coarse = centralDifference(i, step);
    const fine = centralDifference(i, step / 2);
    gradient[i] = (4 * fine - coarse) / 3;
  }
  return gradient;
}
