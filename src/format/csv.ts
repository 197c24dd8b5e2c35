/**
 * CSV (RFC 4180): CRLF row ends, fields quoted when they hold a comma, quote or line
 * break. Numbers are written raw. A text cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading ' so that spreadsheets do not run it as a formula.
 */
import { cellText, type Cell, type Column, type TableData } from './table-shape.js';

export function renderCsv(table: TableData): string {
  const rows = table.rows;
  const lines = [csvHeader(table.columns)];
  for (let i = 0; i < rows.length; i++) lines.push(csvRow(table.columns, rows[i]!));
  return lines.join('\r\n') + '\r\n';
}

/** The header line of a CSV table, without its line end. */
export function csvHeader(columns: Column[]): string {
  return columns.map((c) => field(c.header)).join(',');
}

/** One row of a CSV table, without its line end. */
export function csvRow(columns: Column[], row: Record<string, Cell>): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line = i === 0 ? field(row[columns[i]!.key]) : line + ',' + field(row[columns[i]!.key]);
  return line;
}

function field(v: Cell): string {
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
