/**
 * Writing a report row by row (format/report-stream.ts) to stdout or `--out FILE`, with the
 * bytes emitReport would write for the whole view: for reports whose table grows with the
 * project, so that their memory does not.
 */
import { resolve } from 'node:path';
import type { ReportView } from '../../format/report.js';
import { reportRowWriter, type StreamedFormat } from '../../format/report-stream.js';
import { atomicWriter } from '../../io/atomic-write.js';
import type { Cell } from '../../format/table-shape.js';
import type { CliContext } from '../context.js';
import type { ReportFlags } from './report.js';

/** The formats written row by row; `format` is one of them. */
export function isStreamed(format: string): format is StreamedFormat {
  return format === 'table' || format === 'md' || format === 'csv' || format === 'json';
}

/**
 * Writes `view` (its table's rows left empty) with the rows `forEachRow` gives, once per pass
 * the format needs (text tables measure their columns first): each row's table cells and its
 * element of `view.data[rowsKey]` for JSON.
 */
export function streamReport(ctx: CliContext, f: ReportFlags, format: StreamedFormat, view: ReportView, rowsKey: string, forEachRow: (onRow: (cells: Record<string, Cell>, data: unknown) => void) => void): void {
  const file = f.out === undefined ? undefined : atomicWriter(resolve(ctx.cwd, f.out));
  // As emitReport writes CSV to a file: after a byte order mark.
  if (file !== undefined && format === 'csv') file.write('\ufeff');
  const w = reportRowWriter(format, view, rowsKey, file?.write ?? ((s) => ctx.stdout.write(s)), {
    width: file === undefined && ctx.stdoutIsTTY ? ctx.columns : undefined,
    header: file === undefined && ctx.colour ? (s) => ctx.chalk.bold(s) : undefined,
  });
  try {
    for (let pass = 0; pass < w.passes; pass++) {
      forEachRow((cells, data) => w.row(cells, data));
      w.endPass();
    }
    file?.commit();
  } catch (e) {
    file?.abort();
    throw e;
  }
}
