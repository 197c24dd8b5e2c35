/**
 * Listings written row by row as they are read, in every listing format, with the very bytes
 * `render` gives for the whole table at once: JSON as an indented array, CSV, Markdown, and
 * text tables (which need their column widths first: those take two passes over the rows).
 */
import { csvHeader, csvRow } from './csv.js';
import { markdownHead, markdownRow, markdownRowPieces } from './markdown.js';
import type { Cell, Column, OutputFormat } from './table-shape.js';
import { TextTableWidths, type TextTableLayout, type TextTableOptions } from './text-table.js';

export interface RowWriter {
  /** How many passes over the rows the format needs (text tables: 2, to measure first). */
  readonly passes: number;
  /** Takes the next row of the current pass: its table cells and the data JSON serialises. */
  row(cells: Record<string, Cell>, data: unknown): void;
  /** Ends a pass; after the last one, the output is complete. */
  endPass(): void;
}

/** Buffers text and hands it to `write` in chunks of about 64 KB. */
export function chunked(write: (s: string) => void): { write: (s: string) => void; flush: () => void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (s) => {
      parts.push(s);
      size += s.length;
      if (size >= 65536) flush();
    },
    flush,
  };
}

/** How a JSON listing lays out its rows: JSON.stringify(rows, null, 2), element by element. */
export const JSON_ROWS = { open: '[\n  ', between: ',\n  ', close: '\n]\n', empty: '[]\n', rowOpen: '{', rowClose: '\n  }' } as const;

/** What precedes a member's value inside an element of a JSON listing: `\n    "key": `. */
export function jsonMemberPrefix(key: string): string {
  let prefix = KEY_PREFIX.get(key);
  if (prefix === undefined) KEY_PREFIX.set(key, (prefix = `\n    ${JSON.stringify(key)}: `));
  return prefix;
}

export function rowWriter(format: OutputFormat, columns: Column[], write: (s: string) => void, options: TextTableOptions = {}): RowWriter {
  const out = chunked(write);
  switch (format) {
    case 'json': {
      let first = true;
      return {
        passes: 1,
        // As JSON.stringify(rows, null, 2) lays the array out: each element indented by two.
        row: (_, data) => {
          out.write(`${first ? JSON_ROWS.open : JSON_ROWS.between}${indentedJson(data)}`);
          first = false;
        },
        endPass: () => {
          out.write(first ? JSON_ROWS.empty : JSON_ROWS.close);
          out.flush();
        },
      };
    }
    case 'csv': {
      out.write(`${csvHeader(columns)}\r\n`);
      // One row's fields, reused row after row.
      const fields = new Array<string>(columns.length).fill('');
      return { passes: 1, row: (cells) => out.write(`${csvRow(columns, cells, fields)}\r\n`), endPass: () => out.flush() };
    }
    case 'md': {
      out.write(`${markdownHead(columns)}\n`);
      const pieces = markdownRowPieces(columns.length);
      return { passes: 1, row: (cells) => out.write(`${markdownRow(columns, cells, undefined, pieces)}\n`), endPass: () => out.flush() };
    }
    case 'table':
      return textTableWriter(columns, options, out);
  }
}

/**
 * A text table written row by row: the first pass measures the columns, the second writes
 * the head and the rows, then `tail` (text after the table).
 */
export function textTableWriter(columns: Column[], options: TextTableOptions, out: { write: (s: string) => void; flush: () => void }, tail = ''): RowWriter {
  const widths = new TextTableWidths(columns);
  let layout: TextTableLayout | undefined;
  return {
    passes: 2,
    row: (cells) => {
      if (layout === undefined) widths.add(cells);
      else layout.writeRow(cells, out.write);
    },
    endPass: () => {
      if (layout === undefined) {
        layout = widths.layout(options);
        out.write(`${layout.head}\n`);
        return;
      }
      out.write(tail);
      out.flush();
    },
  };
}

/**
 * JSON.stringify(data, null, 2) of an array element (indented by two more): written out
 * directly for a flat object of numbers, text, booleans and nulls — several times faster
 * for a million rows — and through JSON.stringify otherwise.
 */
const KEY_PREFIX = new Map<string, string>();

export function indentedJson(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return JSON.stringify(data, null, 2).replace(/\n/g, '\n  ');
  let out = '';
  for (const key in data) {
    if (!Object.prototype.hasOwnProperty.call(data, key)) continue;
    const v = (data as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    if (typeof v === 'object' && v !== null) return JSON.stringify(data, null, 2).replace(/\n/g, '\n  ');
    out += `${out === '' ? '' : ','}${jsonMemberPrefix(key)}${typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
  }
  return out === '' ? '{}' : `${JSON_ROWS.rowOpen}${out}${JSON_ROWS.rowClose}`;
}
