/** Mean and sample standard deviation (0 for a single value). */
export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

export function meanSd(values: readonly number[]): MeanSd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, sd: Math.sqrt(variance), n };
}

/** The most frequent value; ties go to the smallest. */
export function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The knee of an increasing curve (Kneedle): the x whose normalised point lies farthest
 * above the chord from the first to the last point. Needs at least 3 points.
 */
export function knee(xs: readonly number[], ys: readonly number[]): number | undefined {
  if (xs.length < 3) return undefined;
  const [x0, x1] = [xs[0] as number, xs[xs.length - 1] as number];
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  if (x1 === x0 || yMax === yMin) return undefined;
  let best: number | undefined;
  let bestGap = 0;
  xs.forEach((x, i) => {
    const gap = ((ys[i] as number) - yMin) / (yMax - yMin) - (x - x0) / (x1 - x0);
    if (gap > bestGap) {
      best = x;
      bestGap = gap;
    }
  });
  return best;
}
