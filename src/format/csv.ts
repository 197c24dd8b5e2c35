/**
 * CSV (RFC 4180): CRLF row ends, fields quoted when they hold a comma, quote or line
 * break. Numbers are written raw. A text cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading ' so that spreadsheets do not run it as a formula.
 */
import { cellText, type Cell, type Column, type TableData } from './table-shape.js';

export function renderCsv(table: TableData, last?: ConstantColumn): string {
  const rows = table.rows;
  const columns = last === undefined ? table.columns : [...table.columns, { key: last.key, header: last.header }];
  const lines = [csvHeader(columns)];
  // One row's fields, reused row after row and joined into one flat line; a constant last
  // column's field made once.
  const n = table.columns.length;
  const fields = new Array<string>(columns.length).fill('');
  if (last !== undefined) fields[n] = field(last.value);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let k = 0; k < n; k++) fields[k] = field(row[table.columns[k]!.key]);
    lines.push(fields.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** A last column with the same value in every row (e.g. the coders in scope), not stored in the rows. */
export interface ConstantColumn {
  key: string;
  header: string;
  value: Cell;
}

/** The header line of a CSV table, without its line end. */
export function csvHeader(columns: Column[]): string {
  return columns.map((c) => field(c.header)).join(',');
}

/** One row of a CSV table, without its line end. `fields` (reused from row to row) may hold more
 * fields after the columns' (a constant last column), joined after them. */
export function csvRow(columns: Column[], row: Record<string, Cell>, fields: string[] = new Array<string>(columns.length)): string {
  for (let i = 0; i < columns.length; i++) fields[i] = field(row[columns[i]!.key]);
  return fields.join(',');
}

/** One CSV field. */
export function field(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = cellText(v);
  if (s.length <= 32 ? plainShort(s) : !/^[=+\-@\t\r]/.test(s) && !/[",\r\n]/.test(s)) return s;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** True when `s` (short) needs neither a leading ' nor quotes: found in one scan, without two regexes. */
function plainShort(s: string): boolean {
  if (s.length === 0) return true;
  const f = s.charCodeAt(0);
  if (f === 0x3d || f === 0x2b || f === 0x2d || f === 0x40 || f === 0x09) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return false;
  }
  return true;
}
