/**
 * The one table shape every listing and report renders from. `--format json` serialises
 * the data the table was built from, so the two cannot disagree.
 */
export interface Column {
  key: string;
  header: string;
  align?: 'left' | 'right';
  /** May be wrapped (table) when the terminal is too narrow. */
  wrap?: boolean;
}

export type Cell = string | number | boolean | null | undefined;

export interface TableData {
  columns: Column[];
  rows: Record<string, Cell>[];
}

export type OutputFormat = 'table' | 'md' | 'csv' | 'json';

/** Text of a cell for the text formats: numbers as written, null and undefined empty. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  return String(v);
}
