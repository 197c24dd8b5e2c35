/**
 * One entry point from data to text in the format the user asked for.
 */
import { renderCsv } from './csv.js';
import { renderMarkdown } from './markdown.js';
import type { OutputFormat, TableData } from './table-shape.js';
import { renderTextTable, type TextTableOptions } from './text-table.js';

import { renderJson } from './json.js';

export function render(format: OutputFormat, table: TableData, data: unknown, options: TextTableOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(data);
    case 'csv':
      return renderCsv(table);
    case 'md':
      return renderMarkdown(table);
    case 'table':
      return renderTextTable(table, options);
  }
}
