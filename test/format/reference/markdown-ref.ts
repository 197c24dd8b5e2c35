/**
 * Markdown pipe tables that pandoc reads: pipes and backslashes escaped, line breaks
 * turned into <br>, numbers right-aligned.
 */
import { cellText, displayText, type Cell, type Column, type TableData } from '../../../src/format/table-shape.js';

export function renderMarkdown(table: TableData): string {
  const body = table.rows.map((r) => markdownRow(table.columns, r));
  return [markdownHead(table.columns), ...body].join('\n') + '\n';
}

/** The header and rule lines of a Markdown table, without the final line end. */
export function markdownHead(columns: Column[]): string {
  const head = `| ${columns.map((c) => escapeMd(c.header)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return `${head}\n${rule}`;
}

/** One row of a Markdown table, without its line end. */
export function markdownRow(columns: Column[], r: Record<string, Cell>): string {
  return `| ${columns.map((c) => escapeMd(displayText(r[c.key], c))).join(' | ')} |`;
}

export function escapeMd(v: Cell): string {
  return cellText(v)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
