/**
 * Writing a report row by row (format/report-stream.ts) to stdout or `--out FILE`, with the
 * bytes emitReport would write for the whole view: for reports whose table grows with the
 * project, so that their memory does not.
 */
import { resolve } from 'node:path';
import type { ReportView } from '../../format/report.js';
import { markdownParagraphWriter, reportRowWriter, type ByteSink, type StreamedFormat } from '../../format/report-stream.js';
import { atomicWriter } from '../../io/atomic-write.js';
import type { RowWriter } from '../../format/row-writer.js';
import type { Cell } from '../../format/table-shape.js';
import type { CliContext } from '../context.js';
import type { ReportFlags } from './report.js';

/** The formats written row by row; `format` is one of them. */
export function isStreamed(format: string): format is StreamedFormat {
  return format === 'table' || format === 'md' || format === 'csv' || format === 'json';
}

/** Calls `onRow` with the cells and data of every row from the `from`-th (0: the first). */
export type ForEachRow = (onRow: (cells: Record<string, Cell>, data: unknown) => void, from: number) => void;

/**
 * Text of the rows the first pass keeps for the next, in UTF-16 units (up to twice as many
 * bytes of memory): a text table reads every row twice (measuring, then printing); the rows
 * kept are printed without being read again, the rest read anew. A framework matrix of
 * 100,000 codings (1,000 one-hour transcripts) has some 32 million: all kept.
 */
const KEPT_TEXT = 32 * 1024 * 1024;

/**
 * Writes `view` (its table's rows left empty) with the rows `forEachRow` gives, once per pass
 * the format needs (text tables measure their columns first): each row's table cells and its
 * element of `view.data[rowsKey]` for JSON. `forEachRow` starts at row `from` (0: the first).
 */
export function streamReport(ctx: CliContext, f: ReportFlags, format: StreamedFormat, view: ReportView, rowsKey: string, forEachRow: ForEachRow): void {
  toOutput(ctx, f, format, (sink, file) => {
    const w = reportRowWriter(format, view, rowsKey, sink, {
      width: file ? undefined : ctx.stdoutIsTTY ? ctx.columns : undefined,
      header: !file && ctx.colour ? (s) => ctx.chalk.bold(s) : undefined,
    });
    writePasses(w, forEachRow);
  });
}

/**
 * Writes a Markdown `view` with the paragraphs `forEachParagraph` gives after its own, then its
 * tables (format/report-stream.ts, markdownParagraphWriter).
 */
export function streamParagraphs(ctx: CliContext, f: ReportFlags, view: ReportView, forEachParagraph: (onParagraph: (p: string) => void) => void): void {
  toOutput(ctx, f, 'md', (sink) => {
    const w = markdownParagraphWriter(view, sink);
    forEachParagraph(w.paragraph);
    w.end();
  });
}

/** Runs `write` with where the output goes: stdout, or `--out FILE` (whole or not at all), as emitReport writes. */
function toOutput(ctx: CliContext, f: ReportFlags, format: StreamedFormat, write: (sink: ByteSink, toFile: boolean) => void): void {
  const file = f.out === undefined ? undefined : atomicWriter(resolve(ctx.cwd, f.out));
  // As emitReport writes CSV to a file: after a byte order mark.
  if (file !== undefined && format === 'csv') file.write('\ufeff');
  try {
    write({ bytes: file?.write ?? ((chunk) => ctx.stdout.write(chunk)) }, file !== undefined);
    file?.commit();
  } catch (e) {
    file?.abort();
    throw e;
  }
}

/** The rows of each pass `w` needs written to it, the first rows of the first pass kept (up to `keptText`) for the others. */
export function writePasses(w: RowWriter, forEachRow: ForEachRow, keptText = KEPT_TEXT): void {
  // The first rows' cells, kept from the first pass for the others (only cells: the passes
  // after the first are a text table's, which prints cells alone). Their text is kept in
  // buffers, out of the JavaScript heap: as strings, they made the heap grow by several times
  // their size (at 1M codings, a peak of 320 MB instead of 210 MB).
  const kept: Record<string, Cell>[] = [];
  let room = w.passes > 1 ? keptText : 0;
  forEachRow((cells, data) => {
    w.row(cells, data);
    if (room > 0) {
      const n = textSize(cells);
      if (n <= room) kept.push(packed(cells));
      room = n <= room ? room - n : 0;
    }
  }, 0);
  w.endPass();
  for (let pass = 1; pass < w.passes; pass++) {
    for (const cells of kept) w.row(unpacked(cells), undefined);
    forEachRow((cells, data) => w.row(cells, data), kept.length);
    w.endPass();
  }
}

/** A row with its long texts as UTF-16 code units (Buffers in the cells' places). */
function packed(cells: Record<string, Cell>): Record<string, Cell> {
  const out: Record<string, unknown> = {};
  for (const key in cells) {
    const v = cells[key];
    // UTF-16 code units as they are (a copy, where UTF-8 would need encoding and decoding).
    out[key] = typeof v === 'string' && v.length > 64 ? Buffer.from(v, 'utf16le') : v;
  }
  return out as Record<string, Cell>;
}

/** The row `packed` was made from. */
function unpacked(cells: Record<string, Cell>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const key in cells) {
    const v = cells[key] as unknown;
    out[key] = Buffer.isBuffer(v) ? v.toString('utf16le') : (v as Cell);
  }
  return out;
}

/** The length of a row's text (numbers and the rest count a little). */
function textSize(cells: Record<string, Cell>): number {
  let n = 0;
  for (const key in cells) {
    const v = cells[key];
    n += typeof v === 'string' ? v.length + 16 : 16;
  }
  return n;
}
