/**
 * report matrix computes each row's cells as values in one pass (groupMeasure) and makes
 * the `cells` objects only when they are read; its view reads the values. Compared here
 * with the figures of figuresByGroup and figuresOf (the reference), and with the view made
 * from the report as plain JSON data, on random scopes: cases in several waves (cases ≠ the
 * sum of columns), codes with sub-codes, codes not shown, codes without codings.
 */
import { describe, expect, it } from 'vitest';
import { MATRIX_MEASURES, matrixColumns, matrixReport, matrixView, type MatrixReport } from '../../src/app/reports/matrix.js';
import type { ReportScope, ScopedSource } from '../../src/app/report-scope.js';
import type { Code } from '../../src/core/codebook.js';
import { figuresByGroup, figuresOf, mergedSpansByCode, type Figures } from '../../src/core/figures.js';
import { CODING_FIELDS } from '../../src/core/span-index.js';
import { renderReport } from '../../src/format/report.js';
import { mulberry32 as random } from '../support/random.js';

function scopeOf(seed: number): ReportScope {
  const rnd = random(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const codes: Code[] = [];
  for (let c = 0; c < 6; c++) {
    codes.push({ id: 10 + c, name: `code ${c}`, parentId: c > 1 && rnd() < 0.6 ? 10 + int(2) : null, description: null, include: null, exclude: null, example: null, color: null, createdBy: 'ana', createdAt: '' });
  }
  const shown = new Set(codes.filter(() => rnd() < 0.8).map((c) => c.id));
  const cases = ['P1', 'P2', 'P3', 'P4', 'P5'];
  const sources: ScopedSource[] = [];
  const packed: Int32Array[] = [];
  for (const c of cases) {
    for (const wave of ['1', '2', '10']) {
      if (rnd() < 0.3) continue;
      sources.push({ id: `${c}_T${wave}`, case: c, wave, participantWords: int(3) === 0 ? 0 : 50 + int(100), attributes: { role: ['a', 'b', ''][int(3)]! } } as unknown as ScopedSource);
      const rows: number[][] = [];
      for (let n = int(6); n > 0; n--) {
        const start = int(400);
        const end = start + 1 + int(60);
        rows.push([codes[int(codes.length - 1)]!.id, 1 + int(2), start, end, Math.floor(start / 5), Math.floor(end / 5)]);
      }
      rows.sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]! || a[3]! - b[3]!);
      const data = new Int32Array(rows.length * CODING_FIELDS);
      rows.forEach((r, k) => data.set(r, k * CODING_FIELDS));
      packed.push(data);
    }
  }
  const attributes = new Map(sources.map((s) => [s.case, s.attributes]));
  return { sources, packed, codes, shown, cases, attributes, participantWords: sources.reduce((n, s) => n + s.participantWords, 0) } as unknown as ReportScope;
}

const pick = (measure: string, f: Figures): number => (measure === 'presence' ? (f.cases > 0 ? 1 : 0) : f[measure as keyof Figures]);

describe('report matrix: cells as values, objects when read', () => {
  it('equals figuresByGroup and figuresOf, and the view from the values is the view from the objects', () => {
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
            const per = figuresByGroup(cs, scope.sources, columnOf, words);
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
