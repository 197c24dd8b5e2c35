/**
 * A table whose cells are also held column by column: texts as indices into a list of distinct
 * texts, numbers in one array per column. A report of tens of thousands of rows (agreement: a
 * row per code and source) hands its table to the text-table renderer this way, which writes it
 * without a row object or a string per cell (column-text-table.ts); every other
 * renderer reads the rows, made from the columns on first use.
 *
 * The columns ride on the table object itself, not as a property a copy would carry: a table
 * made from it (`{ ...table, columns }` of --columns) has rows only, so the columns can never
 * disagree with the rows a renderer reads.
 */
import { HeldUntilRead } from '../core/made-when-read.js';
import type { Cell, Column, TableData } from './table-shape.js';

/**
 * One column's cells: text (an index into `values` per row; −1 is empty), numbers (not finite
 * is empty), or whole numbers that fit 32 bits (INT_EMPTY, −2^31, is empty).
 */
export type ColumnCells =
  | { kind: 'text'; values: readonly string[]; index: ArrayLike<number> }
  | { kind: 'number'; values: ArrayLike<number> }
  | { kind: 'int'; values: Int32Array };

/** An empty cell of an 'int' column. */
export const INT_EMPTY = -0x80000000;

export interface ColumnarCells {
  /** Number of rows. */
  length: number;
  /** The cells of a column by its key; a column without cells here is read from the rows. */
  cells: ReadonlyMap<string, ColumnCells>;
}

const COLUMNAR = new HeldUntilRead<TableData, ColumnarCells>();

/**
 * A table with `columns`, whose cells are `cells` and whose rows `rows()` makes (the same cells:
 * row r's value of a column is its cell r as a string or number, null where the cell is empty),
 * once, when a renderer first reads them.
 */
export function columnTable(columns: Column[], cells: ColumnarCells, rows: () => Record<string, Cell>[]): TableData {
  return COLUMNAR.define({ columns, rows: [] }, 'rows', cells, rows);
}

/** The cells of a table made by columnTable (and whose rows were not read or replaced), else undefined. */
export function columnarCells(table: TableData): ColumnarCells | undefined {
  return COLUMNAR.get(table);
}
