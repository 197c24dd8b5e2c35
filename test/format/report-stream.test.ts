/**
 * A report written row by row (format/report-stream.ts) against the same view rendered whole
 * by renderReport: the same bytes in every streamed format, on the framework matrix of the
 * report fixture (with its coders statement) and on edge cases: no rows, no paragraphs or
 * coders, a terminal width that wraps, text that needs escaping.
 */
import { describe, expect, it } from 'vitest';
import { frameworkReport, frameworkRows, frameworkView, frameworkViewRow } from '../../src/app/reports/framework.js';
import { stateCoders } from '../../src/app/coders-in-scope.js';
import { renderReport, type ReportView } from '../../src/format/report.js';
import { reportRowWriter, STREAMED_FORMATS } from '../../src/format/report-stream.js';
import type { TextTableOptions } from '../../src/format/text-table.js';
import { reportProject } from '../support/report-fixture.js';

/** The view's table rows and data rows written through reportRowWriter. */
function streamed(format: (typeof STREAMED_FORMATS)[number], view: ReportView, dataRows: unknown[], options: TextTableOptions = {}): string {
  let out = '';
  const w = reportRowWriter(format, { ...view, tables: [{ ...view.tables[0]!, table: { ...view.tables[0]!.table, rows: [] } }] }, 'rows', (s) => (out += s), options);
  for (let pass = 0; pass < w.passes; pass++) {
    view.tables[0]!.table.rows.forEach((cells, k) => w.row(cells, dataRows[k]));
    w.endPass();
  }
  return out;
}

describe('reportRowWriter', () => {
  it('writes the framework matrix as renderReport does, in every streamed format and at a wrapping width', async () => {
    const f = await reportProject();
    f.withScope({}, (s) => {
      const whole = frameworkReport(s);
      const view = stateCoders(frameworkView(whole), s);
      for (const format of STREAMED_FORMATS) {
        expect(streamed(format, view, whole.rows)).toBe(renderReport(format, view));
        expect(streamed(format, view, whole.rows, { width: 50, header: (h) => `<${h}>` })).toBe(renderReport(format, view, { width: 50, header: (h) => `<${h}>` }));
      }
      // The matrix built case by case gives the rows frameworkReport holds.
      const rows: unknown[] = [];
      const matrix = frameworkRows(s);
      matrix.forEachRow((row) => rows.push(row));
      expect({ codes: matrix.codes, rows }).toEqual({ codes: whole.codes, rows: whole.rows });
      expect(whole.rows.map((row) => frameworkViewRow(whole.codes, row))).toEqual(view.tables[0]!.table.rows);
    });
  });

  it('matches renderReport with no rows, no prose and text that needs escaping', () => {
    const columns = [{ key: 'a', header: 'a|b' }, { key: 'n', header: 'n', align: 'right' as const }, { key: 't', header: 't', wrap: true }];
    const rows = [{ a: '=sum', n: 3, t: 'line\nbreak, "quoted" * _x_' }, { a: 'x', n: 1.5, t: '\u001b[31m' }];
    const views: [ReportView, unknown[]][] = [
      [{ title: 'T', data: { rows: [] }, tables: [{ table: { columns, rows: [] } }] }, []],
      [{ title: 'T', data: { before: 1, rows, after: { k: [1, 2] } }, tables: [{ table: { columns, rows } }], paragraphs: [] }, rows],
      [{ title: 'T*', data: { rows }, tables: [{ table: { columns, rows } }], paragraphs: ['one', 'two'], coders: { coders: ['a', 'b'], rule: 'all', sentence: 'Coders in scope: a, b.' } }, rows],
    ];
    for (const [view, data] of views) for (const format of STREAMED_FORMATS) expect(streamed(format, view, data)).toBe(renderReport(format, view));
  });
});
