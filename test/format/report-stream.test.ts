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
import { reportRowWriter, STREAMED_FORMATS, utf8Chunked } from '../../src/format/report-stream.js';
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

describe('utf8Chunked', () => {
  it('hands on the UTF-8 of the text written, whatever the sizes of its pieces', () => {
    let seed = 9;
    const r = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['a', ' ', 'é', '’', '…', '漢', '😀', '𝒳', '\n', '\r\n', '|'];
    for (let round = 0; round < 20; round++) {
      const pieces: string[] = [];
      for (let k = 0; k < 300; k++) {
        // Short pieces, and now and then one longer than a chunk (64 KB) or near a third of one.
        const n = r() < 0.05 ? Math.floor(r() * 70000) : r() < 0.1 ? 21845 + Math.floor(r() * 3) - 1 : Math.floor(r() * 40);
        let s = '';
        for (let i = 0; i < Math.min(n, 50); i++) s += alphabet[Math.floor(r() * alphabet.length)]!;
        // Long pieces: a random head repeated (its length in UTF-16 units about n).
        pieces.push(n <= 50 ? s : s.repeat(Math.ceil(n / Math.max(1, s.length))).slice(0, n).replace(/[\ud800-\udbff]$/, 'x'));
      }
      const chunks: Buffer[] = [];
      const out = utf8Chunked((c) => chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)));
      for (const p of pieces) out.write(p);
      out.flush();
      expect(Buffer.concat(chunks).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
      expect(chunks.every((c) => c.length > 0)).toBe(true);
    }
  });

  it('reportRowWriter writes the same bytes as text or as UTF-8 chunks', async () => {
    const f = await reportProject();
    f.withScope({}, (s) => {
      const whole = frameworkReport(s);
      const view = stateCoders(frameworkView(whole), s);
      const empty = { ...view, tables: [{ ...view.tables[0]!, table: { ...view.tables[0]!.table, rows: [] } }] };
      for (const format of STREAMED_FORMATS) {
        const chunks: Buffer[] = [];
        const w = reportRowWriter(format, empty, 'rows', { bytes: (c) => chunks.push(Buffer.from(c)) });
        for (let pass = 0; pass < w.passes; pass++) {
          view.tables[0]!.table.rows.forEach((cells, k) => w.row(cells, whole.rows[k]));
          w.endPass();
        }
        expect(Buffer.concat(chunks).toString('utf8')).toBe(renderReport(format, view));
      }
    });
  });
});
