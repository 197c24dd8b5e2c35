/**
 * Markdown pipe tables that pandoc reads: pipes and backslashes escaped, line breaks
 * turned into <br>, numbers right-aligned.
 */
import { cellText, displayText, type Cell, type TableData } from './table-shape.js';

export function renderMarkdown(table: TableData): string {
  const head = `| ${table.columns.map((c) => escapeMd(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = table.rows.map((r) => `| ${table.columns.map((c) => escapeMd(displayText(r[c.key], c))).join(' | ')} |`);
  return [head, rule, ...body].join('\n') + '\n';
}

export function escapeMd(v: Cell): string {
  return cellText(v)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
