// Sample statistics for the specs (float64 accumulation over the float32 data).

/** Seed of the statistical specs; GEMLAB_TEST_SEED overrides it to re-run them on other draws. */
export const TEST_SEED = Number(process.env.GEMLAB_TEST_SEED ?? 0);

/** Rows of x (features wide) whose label is `label`, or all rows. */
export function rowsOf(x: Float32Array, features: number, y?: Int32Array, label?: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i * features < x.length; i++) {
    if (label === undefined || y?.[i] === label) rows.push(Array.from(x.subarray(i * features, (i + 1) * features)));
  }
  return rows;
}

export function mean(rows: readonly (readonly number[])[]): number[] {
  const d = rows[0]?.length ?? 0;
  const sums = new Array<number>(d).fill(0);
  for (const row of rows) {
    for (let j = 0; j < d; j++) sums[j] = (sums[j] as number) + (row[j] as number);
  }
  return sums.map((sum) => sum / rows.length);
}

/** Unbiased sample covariance matrix. */
export function covariance(rows: readonly (readonly number[])[]): number[][] {
  const m = mean(rows);
  const d = m.length;
  const c = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of rows) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++)
        (c[i] as number[])[j] =
          (c[i]?.[j] as number) + ((row[i] as number) - (m[i] as number)) * ((row[j] as number) - (m[j] as number));
    }
  }
  return c.map((line) => line.map((value) => value / (rows.length - 1)));
}

export function counts(y: Int32Array, classes: number): number[] {
  const result = new Array<number>(classes).fill(0);
  for (const label of y) result[label] = (result[label] as number) + 1;
  return result;
}
