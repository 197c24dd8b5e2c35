/**
 * CSV (RFC 4180): CRLF row ends, fields quoted when they hold a comma, quote or line
 * break. Numbers are written raw. A text cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading ' so that spreadsheets do not run it as a formula.
 */
import { cellText, type Cell, type Column, type TableData } from '../../../src/format/table-shape.js';

export function renderCsv(table: TableData): string {
  const lines = [csvHeader(table.columns)];
  for (const row of table.rows) lines.push(csvRow(table.columns, row));
  return lines.join('\r\n') + '\r\n';
}

/** The header line of a CSV table, without its line end. */
export function csvHeader(columns: Column[]): string {
  return columns.map((c) => field(c.header)).join(',');
}

/** One row of a CSV table, without its line end. */
export function csvRow(columns: Column[], row: Record<string, Cell>): string {
  return columns.map((c) => field(row[c.key])).join(',');
}

function field(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = cellText(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
