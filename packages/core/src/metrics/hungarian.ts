/**
 * Minimum-cost assignment on a rectangular cost matrix (Kuhn–Munkres with potentials,
 * O(n²m) for n ≤ m). Returns, for each row, the column assigned to it, or -1 when there
 * are more rows than columns and the row stays unmatched. Every row (or every column, when
 * there are fewer columns) is matched, and the total cost is minimal.
 */
export function minCostAssignment(cost: readonly (readonly number[])[]): Int32Array {
  const rows = cost.length;
  const columns = rows === 0 ? 0 : cost[0].length;
  for (const [i, row] of cost.entries()) {
    if (row.length !== columns) throw new RangeError(`cost row ${i} has ${row.length} entries, expected ${columns}`);
    for (const value of row) if (!Number.isFinite(value)) throw new RangeError(`cost row ${i} holds ${value}`);
  }
  if (rows <= columns) return assignRows(rows, columns, (i, j) => cost[i][j]);
  // More rows than columns: assign every column to a row on the transpose, then invert.
  const columnToRow = assignRows(columns, rows, (j, i) => cost[i][j]);
  const rowToColumn = new Int32Array(rows).fill(-1);
  columnToRow.forEach((row, column) => {
    rowToColumn[row] = column;
  });
  return rowToColumn;
}

/** Maximum-weight assignment (e.g. of classes to clusters by co-occurrence counts). */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): Int32Array {
  return minCostAssignment(weights.map((row) => row.map((w) => -w)));
}

/**
 * The shortest-augmenting-path Hungarian algorithm for n ≤ m: rows are inserted one at a
 * time, and the dual potentials u (rows) and v (columns) keep every reduced cost
 * non-negative. Arrays are 1-based; column 0 is a virtual column holding the row being inserted.
 */
function assignRows(n: number, m: number, cost: (row: number, column: number) => number): Int32Array {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1); // 0 = free
  const previousColumn = new Int32Array(m + 1);
  const minReduced = new Float64Array(m + 1);
  const visited = new Uint8Array(m + 1);
  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    let column = 0;
    minReduced.fill(Number.POSITIVE_INFINITY);
    visited.fill(0);
    do {
      visited[column] = 1;
      const currentRow = rowOfColumn[column];
      let delta = Number.POSITIVE_INFINITY;
      let nextColumn = 0;
      for (let j = 1; j <= m; j++) {
        if (visited[j]) continue;
        const reduced = cost(currentRow - 1, j - 1) - u[currentRow] - v[j];
        if (reduced < minReduced[j]) {
          minReduced[j] = reduced;
          previousColumn[j] = column;
        }
        if (minReduced[j] < delta) {
          delta = minReduced[j];
          nextColumn = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (visited[j]) {
          u[rowOfColumn[j]] += delta;
          v[j] -= delta;
        } else {
          minReduced[j] -= delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    // Augment along the alternating path back to the virtual column.
    do {
      const previous = previousColumn[column];
      rowOfColumn[column] = rowOfColumn[previous];
      column = previous;
    } while (column !== 0);
  }
  const rowToColumn = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOfColumn[j] > 0) rowToColumn[rowOfColumn[j] - 1] = j - 1;
  return rowToColumn;
}
