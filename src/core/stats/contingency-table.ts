import type { Coefficient } from './coefficient.js';

/**
 * Checks that `table` is a non-empty square matrix of finite, non-negative numbers (counts, or
 * proportions: the coefficients built on it are scale-free). A malformed table is a bug in the
 * caller, not a property of the data, so it throws instead of returning null.
 */
export function assertSquareTable(table: readonly (readonly number[])[], what = 'table'): void {
  const k = table.length;
  if (k === 0) throw new RangeError(`${what}: needs at least one category (got an empty table)`);
  table.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`${what}: must be square; row ${i} has ${row.length} cells, expected ${k}`);
    row.forEach((cell, j) => {
      if (!Number.isFinite(cell) || cell < 0) {
        throw new RangeError(`${what}: cell [${i}][${j}] must be a finite number ≥ 0 (got ${String(cell)})`);
      }
    });
  });
}

/** Row totals, column totals and grand total of a square table. */
export interface Marginals {
  rows: number[];
  columns: number[];
  total: number;
}

export function marginals(table: readonly (readonly number[])[]): Marginals {
  const k = table.length;
  const rows = table.map((row) => row.reduce((s, x) => s + x, 0));
  const columns = Array.from({ length: k }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  return { rows, columns, total: rows.reduce((s, x) => s + x, 0) };
}

/**
 * Percent agreement of a square confusion matrix: the diagonal over the total, × 100. It is the
 * "percentage agreement" NVivo reports in a coding comparison ("(800 + 50) ÷ 1000 = 85%",
 * NVivo help, "Run a Coding Comparison query"). Null when the table is empty.
 */
export function percentAgreement(table: readonly (readonly number[])[]): Coefficient {
  assertSquareTable(table);
  const { total } = marginals(table);
  if (total === 0) return { value: null, reason: 'no units: the table is empty' };
  const agree = table.reduce((s, row, i) => s + row[i], 0);
  return { value: (agree / total) * 100 };
}
