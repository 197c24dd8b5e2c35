/**
 * report matrix computes each row's cells as values in one pass (groupMeasure) and makes
 * the `cells` objects only when they are read; its view reads the values. Compared here
 * with figuresOf over each column's sources and over all (the definition), and with the view made
 * from the report as plain JSON data, on random scopes: cases in several waves (cases ≠ the
 * sum of columns), codes with sub-codes, codes not shown, codes without codings.
 */
import { describe, expect, it } from 'vitest';
import { MATRIX_MEASURES, matrixColumns, matrixReport, matrixView, type MatrixReport } from '../../src/app/reports/matrix.js';
import { figuresOf, mergedSpansByCode, type Figures } from '../../src/core/figures.js';
import { renderReport } from '../../src/format/report.js';
import { randomScope as scopeOf } from '../support/random-scope.js';

const pick = (measure: string, f: Figures): number => (measure === 'presence' ? (f.cases > 0 ? 1 : 0) : f[measure as keyof Figures]);

describe('report matrix: cells as values, objects when read', () => {
  it('equals figuresOf over each column\'s sources and over all, and the view from the values is the view from the objects', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const scope = scopeOf(seed);
      const merged = mergedSpansByCode(scope.codes, scope.packed);
      for (const by of ['case', 'wave', 'source']) {
        for (const measure of MATRIX_MEASURES) {
          const r = matrixReport(scope, { by, measure });
          const fast = matrixView(r);
          const plain = JSON.parse(JSON.stringify(r)) as MatrixReport;
          const slow = matrixView(plain);
          expect(fast.tables[0]!.table.rows).toEqual(slow.tables[0]!.table.rows);
          expect(renderReport('table', { ...fast, data: plain })).toBe(renderReport('table', slow));
          const { columns, columnOf } = matrixColumns(scope, by);
          const words = columns.map(() => 0);
          scope.sources.forEach((s, i) => (words[columnOf[i]!] += s.participantWords));
          for (const row of r.rows) {
            const cs = merged.get(scope.codes.find((c) => c.name === row.code)!.id)!;
            const per = columns.map((_, k) => figuresOf(new Map([...cs].filter(([s]) => columnOf[s] === k)), scope.sources, 0, words[k]!));
            expect(row.cells).toEqual(Object.fromEntries(columns.map((c, k) => [c, pick(measure, per[k]!)])));
            expect(row.total).toBe(pick(measure, figuresOf(cs, scope.sources, 0, scope.participantWords)));
          }
        }
      }
    }
  });

  it('reads the cells objects once they were read (and changed) or replaced', () => {
    const r = matrixReport(scopeOf(4), { by: 'source' });
    const table = (rep: MatrixReport): string => renderReport('csv', matrixView(rep));
    const row = r.rows[0]!;
    expect(row.cells).toBe(row.cells);
    row.cells[r.columns[0]!] = 12345;
    expect(table(r)).toContain('12345');
    r.rows[1]!.cells = Object.fromEntries(r.columns.map((c) => [c, 777]));
    r.totals.cells = Object.fromEntries(r.columns.map((c) => [c, 888]));
    expect(table(r)).toBe(table(JSON.parse(JSON.stringify(r)) as MatrixReport));
    expect(table(r)).toContain('777');
  });
});
