/**
 * report trajectory keeps each row's case × wave cells in arrays and makes the `cases`
 * objects only when they are read (JSON, a caller of the API); its view reads the arrays, and
 * holds the symbols in columns for the text table written byte by byte.
 * Compared here with the view made from the objects (the report as plain JSON data), on
 * random scopes with cases not interviewed in some waves, codes with sub-codes, codes not
 * shown and codes without codings.
 */
import { describe, expect, it } from 'vitest';
import { trajectoryReport, trajectoryView, type TrajectoryCells, type TrajectoryReport } from '../../src/app/reports/trajectory.js';
import { renderReport } from '../../src/format/report.js';
import { columnarCells } from '../../src/format/column-table.js';
import { randomScope as scopeOf } from '../support/random-scope.js';

const MODES: TrajectoryCells[] = ['symbols', 'words', 'figures'];

describe('report trajectory: cells in arrays, case objects when read', () => {
  it('the view from the arrays is the view from the case objects, in every cell mode', () => {
    let notInterviewed = 0;
    let raised = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = trajectoryReport(scopeOf(seed));
      // Views first: the rows' cases are not read yet, so the view reads the arrays.
      const fast = MODES.map((m) => trajectoryView(r, m));
      // The text table first, while the symbols are held in columns (reading the rows lets them go).
      const fastText = fast.map((v) => renderReport('table', v));
      expect(columnarCells(fast[0]!.tables[0]!.table)).toBeDefined();
      const plain: TrajectoryReport = JSON.parse(JSON.stringify(r)) as TrajectoryReport;
      MODES.forEach((m, k) => {
        const slow = trajectoryView(plain, m);
        expect(columnarCells(slow.tables[0]!.table)).toBeUndefined();
        expect(fastText[k]).toBe(renderReport('table', slow));
        expect(fast[k]!.tables[0]!.table.rows).toEqual(slow.tables[0]!.table.rows);
        expect(renderReport('csv', { ...fast[k]!, data: plain })).toBe(renderReport('csv', slow));
      });
      const cells = r.rows.flatMap((row) => row.cases.flatMap((c) => Object.values(c.waves)));
      notInterviewed += cells.filter((c) => !c.interviewed).length;
      raised += cells.filter((c) => c.present && c.words > 0).length;
    }
    expect(notInterviewed).toBeGreaterThan(50);
    expect(raised).toBeGreaterThan(50);
  });

  it('reads the case objects once they were read (and changed) or replaced', () => {
    const r = trajectoryReport(scopeOf(3));
    const row = r.rows.find((x) => x.cases.some((c) => Object.values(c.waves).some((w) => w.present)))!;
    const cell = Object.values(row.cases.find((c) => Object.values(c.waves).some((w) => w.present))!.waves).find((w) => w.present)!;
    expect(row.cases).toBe(row.cases); // made once
    cell.words = 12345;
    const csv = (rep: TrajectoryReport): string => renderReport('csv', trajectoryView(rep, 'figures'));
    expect(csv(r)).toContain('12345');
    const other = r.rows.find((x) => x !== row)!;
    other.cases = other.cases.slice(0, 1);
    expect(csv(r)).toBe(csv(JSON.parse(JSON.stringify(r)) as TrajectoryReport));
  });
});
