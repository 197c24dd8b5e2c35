/**
 * A one-table report written row by row, with the very bytes renderReport gives for the whole
 * view (table, md, csv and json): for reports whose table grows with the project (a framework
 * matrix prints every coded passage), so that their memory does not.
 */
import { csvHeader, csvRow, field } from './csv.js';
import { markdownHead, markdownRow } from './markdown.js';
import { csvTable, markdownOpening, markdownTable, textClosing, textTableChunks, type ReportView } from './report.js';
import { chunked, textTableWriter, type RowWriter } from './row-writer.js';
import type { Column } from './table-shape.js';
import type { TextTableOptions } from './text-table.js';

/** The formats reportRowWriter writes; the others render the whole view. */
export const STREAMED_FORMATS = ['table', 'md', 'csv', 'json'] as const;
export type StreamedFormat = (typeof STREAMED_FORMATS)[number];

/** Where output goes as UTF-8: chunks of bytes cut at character boundaries, or text. */
export interface ByteSink {
  bytes: (chunk: string | Uint8Array) => void;
}

/** Bytes of a chunk: output is handed on in chunks of about this many bytes. */
const CHUNK = 1 << 16;

/**
 * Text encoded straight into chunks of UTF-8 (each a buffer of its own, handed on full): no
 * string joined of the pieces, nor made into bytes again, as a chunk of text would be. A text
 * that may not fit a chunk (3 bytes a UTF-16 unit at most) goes on as it is.
 */
export function utf8Chunked(write: (chunk: string | Uint8Array) => void): { write: (s: string) => void; flush: () => void } {
  let buf = Buffer.allocUnsafe(CHUNK);
  let at = 0;
  const flush = (): void => {
    if (at === 0) return;
    write(buf.subarray(0, at));
    buf = Buffer.allocUnsafe(CHUNK);
    at = 0;
  };
  return {
    write: (s) => {
      if (3 * s.length > CHUNK - at) {
        flush();
        if (3 * s.length > CHUNK) {
          write(s);
          return;
        }
      }
      at += buf.write(s, at, 'utf8');
    },
    flush,
  };
}

/**
 * Writes `view` with the rows of its first table (untitled, no indent key; its rows left empty)
 * given one at a time: each row's table cells and, for JSON, its element of the array
 * `view.data[rowsKey]`. The tables after it are written whole after it. `write` takes text, or
 * (a ByteSink) UTF-8 chunks.
 */
export function reportRowWriter(format: StreamedFormat, view: ReportView, rowsKey: string, write: ((s: string) => void) | ByteSink, options: TextTableOptions = {}): RowWriter {
  const [t, ...after] = view.tables;
  if (t === undefined || t.indentKey !== undefined || t.title !== undefined) throw new Error('reportRowWriter: a view whose first table is untitled and flat');
  const out = typeof write === 'function' ? chunked(write) : utf8Chunked(write.bytes);
  const columns = t.table.columns;
  const c = view.coders;
  switch (format) {
    case 'json': {
      // JSON.stringify(data, null, 2) with the rows key's array written element by element.
      const data = c === undefined ? view.data : { ...(view.data as object), codersInScope: { coders: c.coders, rule: c.rule } };
      const keys = Object.entries(data as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
      const at = keys.findIndex(([k]) => k === rowsKey);
      if (at < 0) throw new Error(`reportRowWriter: no "${rowsKey}" in the data`);
      const member = ([k, v]: [string, unknown]): string => `\n  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`;
      out.write(`{${keys.slice(0, at).map((kv) => `${member(kv)},`).join('')}\n  ${JSON.stringify(rowsKey)}: `);
      let first = true;
      return {
        passes: 1,
        row: (_, row) => {
          out.write(`${first ? '[\n    ' : ',\n    '}${JSON.stringify(row, null, 2).replace(/\n/g, '\n    ')}`);
          first = false;
        },
        endPass: () => {
          out.write(`${first ? '[]' : '\n  ]'}${keys.slice(at + 1).map((kv) => `,${member(kv)}`).join('')}\n}\n`);
          out.flush();
        },
      };
    }
    case 'csv': {
      // The coders in scope as a last column, as renderReport adds it.
      const key = '__codersInScope';
      const all: Column[] = c === undefined ? columns : [...columns, { key, header: 'coders in scope' }];
      // Each row's fields in one reused array, the coders' field (the same in every row) last.
      const fields = new Array<string>(all.length).fill('');
      if (c !== undefined) fields[columns.length] = field(c.coders.join(', '));
      out.write(`${csvHeader(all)}\r\n`);
      return {
        passes: 1,
        row: (cells) => out.write(`${csvRow(columns, cells, fields)}\r\n`),
        endPass: () => {
          for (const x of after) out.write(`\r\n${csvTable(x, c)}`);
          out.flush();
        },
      };
    }
    case 'md': {
      out.write(`${markdownOpening(view).join('\n\n')}\n\n${markdownHead(columns)}`);
      return {
        passes: 1,
        row: (cells) => out.write(`\n${markdownRow(columns, cells)}`),
        endPass: () => {
          for (const x of after) out.write(`\n\n${markdownTable(x).join('\n\n')}`);
          out.write('\n');
          out.flush();
        },
      };
    }
    case 'table': {
      // Column widths first: two passes over the rows; then the paragraphs and coders.
      // A table held in columns comes as UTF-8 bytes (characters beyond ASCII included).
      const tables = after.map((x) => `\n${textTableChunks(x, options).map((k) => (typeof k === 'string' ? k : Buffer.from(k).toString('utf8'))).join('')}`);
      return textTableWriter(columns, options, out, tables.join('') + textClosing(view).map((s) => `\n${s}`).join(''));
    }
  }
}

/**
 * A Markdown report whose paragraphs grow with the project, written one at a time after the
 * view's own, then its tables: the bytes renderReport gives for the view with them all.
 */
export function markdownParagraphWriter(view: ReportView, write: ByteSink): { paragraph: (s: string) => void; end: () => void } {
  const out = utf8Chunked(write.bytes);
  out.write(markdownOpening(view).join('\n\n'));
  return {
    paragraph: (p) => out.write(`\n\n${p}`),
    end: () => {
      for (const t of view.tables) out.write(`\n\n${markdownTable(t).join('\n\n')}`);
      out.write('\n');
      out.flush();
    },
  };
}
