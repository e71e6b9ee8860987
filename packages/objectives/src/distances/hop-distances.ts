/**
 * The graph hop distance of the paper's moons experiment, in plain float64 TypeScript.
 *
 * Points i ≠ j are joined when their Euclidean distance is below the q-quantile of the n×n
 * distance matrix (all n² entries, diagonal included, linear interpolation: the paper code's
 * `torch.quantile(D, q)`); the result is the number of edges on a shortest path (BFS from each
 * node), and 2n for pairs in different components. `points` is n×features, row-major.
 */
export function hopDistances(points: ArrayLike<number>, n: number, features: number, q: number): Float32Array {
  const pairwise = upperTriangleDistances(points, n, features);
  const threshold = distanceMatrixQuantile(pairwise, n, q);
  const neighbours = adjacency(pairwise, n, threshold);
  const hops = new Float32Array(n * n);
  const queue = new Int32Array(n);
  const seen = new Int32Array(n);
  for (let source = 0; source < n; source++) {
    const row = hops.subarray(source * n, (source + 1) * n);
    row.fill(2 * n);
    row[source] = 0;
    seen.fill(-1);
    seen[source] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = source;
    while (head < tail) {
      const node = queue[head++] as number;
      const next = (seen[node] as number) + 1;
      for (let e = neighbours.start[node] as number; e < (neighbours.start[node + 1] as number); e++) {
        const other = neighbours.targets[e] as number;
        if (seen[other] !== -1) continue;
        seen[other] = next;
        row[other] = next;
        queue[tail++] = other;
      }
    }
  }
  return hops;
}

/** d(i, j) for i < j, row by row: index of (i, j) is i·n − i(i+1)/2 + (j − i − 1). */
function upperTriangleDistances(points: ArrayLike<number>, n: number, features: number): Float64Array {
  const out = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let sum = 0;
      for (let f = 0; f < features; f++) {
        const d = (points[i * features + f] as number) - (points[j * features + f] as number);
        sum += d * d;
      }
      out[k++] = Math.sqrt(sum);
    }
  }
  return out;
}

/**
 * The q-quantile of all n² entries of the symmetric distance matrix. Sorted, those are the n
 * diagonal zeros followed by every off-diagonal distance twice, so only the upper triangle is sorted.
 */
export function distanceMatrixQuantile(upper: Float64Array, n: number, q: number): number {
  const sorted = Float64Array.from(upper).sort();
  const at = (rank: number) => (rank < n ? 0 : (sorted[Math.floor((rank - n) / 2)] as number));
  const position = q * (n * n - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return at(below) + (position - below) * (at(above) - at(below));
}

/** Compressed adjacency lists of the pairs closer than `threshold`. */
function adjacency(upper: Float64Array, n: number, threshold: number): { start: Int32Array; targets: Int32Array } {
  const degree = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      if ((upper[k] as number) < threshold) {
        degree[i] = (degree[i] as number) + 1;
        degree[j] = (degree[j] as number) + 1;
      }
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = (start[i] as number) + (degree[i] as number);
  const targets = new Int32Array(start[n] as number);
  const fill = start.slice(0, n);
  k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      if ((upper[k] as number) < threshold) {
        targets[fill[i]++ as number] = j;
        targets[fill[j]++ as number] = i;
      }
    }
  }
  return { start, targets };
}
