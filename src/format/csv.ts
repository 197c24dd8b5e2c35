/**
 * CSV (RFC 4180): CRLF row ends, fields quoted when they hold a comma, quote or line
 * break. Numbers are written raw. A text cell that starts with = + - @ (or a tab or
 * carriage return) gets a leading ' so that spreadsheets do not run it as a formula.
 */
import { cellText, type Cell, type TableData } from './table-shape.js';

export function renderCsv(table: TableData): string {
  const lines = [table.columns.map((c) => field(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => field(row[c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}

function field(v: Cell): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = cellText(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
