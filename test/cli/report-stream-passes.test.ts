/**
 * A text table's two passes (cli/commands/report-stream.ts): rows kept from the first pass
 * for the second, all, some or none of them, give the bytes renderReport gives for the whole
 * view; a framework matrix read from its n-th case gives the rows from the n-th.
 */
import { describe, expect, it } from 'vitest';
import { frameworkReport, frameworkRows, frameworkView, frameworkViewRow, type FrameworkRow } from '../../src/app/reports/framework.js';
import { stateCoders } from '../../src/app/coders-in-scope.js';
import { writePasses } from '../../src/cli/commands/report-stream.js';
import { renderReport } from '../../src/format/report.js';
import { reportRowWriter, STREAMED_FORMATS } from '../../src/format/report-stream.js';
import { reportProject } from '../support/report-fixture.js';

describe('writePasses', () => {
  it('writes what renderReport does whatever part of the rows the first pass keeps', async () => {
    const f = await reportProject();
    f.withScope({}, (s) => {
      const whole = frameworkReport(s);
      const view = stateCoders(frameworkView(whole), s);
      const empty = { ...view, tables: [{ ...view.tables[0]!, table: { ...view.tables[0]!.table, rows: [] } }] };
      const matrix = frameworkRows(s);
      const sizes = whole.rows.map((row) => Object.values(frameworkViewRow(whole.codes, row)).reduce((n, v) => n + v.length + 16, 0));
      expect(whole.rows.length).toBeGreaterThan(2);
      // Nothing kept, only the first row, all but the last, everything.
      const budgets = [0, sizes[0]!, sizes.slice(0, -1).reduce((a, b) => a + b, 0), Infinity];
      for (const format of STREAMED_FORMATS) {
        for (const budget of budgets) {
          let out = '';
          const reads: number[] = [];
          const w = reportRowWriter(format, empty, 'rows', (t) => (out += t));
          writePasses(w, (onRow, from) => {
            reads.push(from);
            matrix.forEachRow((row) => onRow(frameworkViewRow(matrix.codes, row), row), from);
          }, budget);
          expect(out).toBe(renderReport(format, view));
          if (format === 'table') expect(reads).toEqual([0, budget === 0 ? 0 : budget === Infinity ? whole.rows.length : budget === sizes[0] ? 1 : whole.rows.length - 1]);
          else expect(reads).toEqual([0]);
        }
      }
      for (let from = 0; from <= whole.rows.length; from++) {
        const rows: FrameworkRow[] = [];
        matrix.forEachRow((row) => rows.push(row), from);
        expect(rows).toEqual(whole.rows.slice(from));
      }
    });
  });
});

describe('frameworkRows.forEachViewRow', () => {
  it('gives the table cells frameworkViewRow makes of each row, from any case', async () => {
    const f = await reportProject();
    for (const filters of [{}, { levels: 1 }]) {
      f.withScope({}, (s) => {
        const matrix = frameworkRows(s, filters);
        const rows: FrameworkRow[] = [];
        matrix.forEachRow((row) => rows.push(row));
        expect(rows.some((row) => Object.values(row.cells).some((list) => list.length > 1))).toBe(true);
        for (let from = 0; from <= rows.length; from++) {
          const cells: Record<string, string>[] = [];
          matrix.forEachViewRow((c) => cells.push(c), from);
          expect(cells).toEqual(rows.slice(from).map((row) => frameworkViewRow(matrix.codes, row)));
        }
      });
    }
  });
});
