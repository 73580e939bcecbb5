import { MatchingError } from './matching-error.js';

/** A matrix as rows of numbers, `matrix[row][col]`; every row has the same length. */
export type Matrix = readonly (readonly number[])[];

/** The cheapest assignment of a cost matrix. */
export interface Assignment {
  /** The column each row got, or −1 for rows left over when there are more rows than columns. */
  rowToCol: number[];
  /** Sum of the costs of the assigned cells. */
  total: number;
}

/** Throws MatchingError unless the matrix is rectangular and every entry is finite; returns its column count. */
export function checkMatrix(matrix: Matrix, what: string): number {
  const cols = matrix[0]?.length ?? 0;
  matrix.forEach((row, i) => {
    if (row.length !== cols) throw new MatchingError(`${what} must be rectangular: row 0 has ${cols} entries, row ${i} has ${row.length}`);
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) throw new MatchingError(`${what}[${i}][${j}] must be a finite number, got ${value}`);
    });
  });
  return cols;
}

/**
 * Kuhn–Munkres (Hungarian) assignment with row and column potentials, O(n²·m) for n ≤ m: the
 * minimum-cost way to give every row its own column (or every column its own row, when rows
 * outnumber columns). Deterministic: among equal costs the lowest column index wins.
 * @example hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]) // { rowToCol: [1, 0, 2], total: 5 }
 */
export function hungarian(cost: Matrix): Assignment {
  const cols = checkMatrix(cost, 'cost');
  const rows = cost.length;
  if (rows === 0 || cols === 0) return { rowToCol: new Array<number>(rows).fill(-1), total: 0 };
  if (rows <= cols) return withTotal(cost, solve(cost, rows, cols));
  // More rows than columns: assign every column a row on the transpose, then invert.
  const transposed = Array.from({ length: cols }, (_, j) => cost.map((row) => row[j]!));
  const rowToCol = new Array<number>(rows).fill(-1);
  solve(transposed, cols, rows).forEach((row, col) => (rowToCol[row] = col));
  return withTotal(cost, rowToCol);
}

function withTotal(cost: Matrix, rowToCol: number[]): Assignment {
  let total = 0;
  rowToCol.forEach((col, row) => {
    if (col >= 0) total += cost[row]![col]!;
  });
  return { rowToCol, total };
}

/** The shortest-augmenting-path form (1-based inside; index 0 is the virtual start column). */
function solve(cost: Matrix, n: number, m: number): number[] {
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(m + 1).fill(0);
  const owner = new Array<number>(m + 1).fill(0); // owner[j]: the row holding column j, 0 for none
  const way = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    const minv = new Array<number>(m + 1).fill(Infinity);
    const used = new Array<boolean>(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = owner[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[owner[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    // Flip the augmenting path back to the start.
    do {
      const j1 = way[j0]!;
      owner[j0] = owner[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (owner[j]! > 0) rowToCol[owner[j]! - 1] = j - 1;
  return rowToCol;
}
