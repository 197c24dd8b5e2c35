/**
 * report agreement reads the packed codings in one pass (which coders coded a source, each
 * coder's codings there, each code's run) and writes the figures straight onto each row.
 * Compared here with the plain functions (comparedSources, comparedWithCodings, runs by Map)
 * and with rows made as before ({ code, source, ...figures, codedBy }), key order included,
 * on random scopes with what could make them differ: coders not compared, sparse coder ids,
 * codes not shown, sources coded by one coder only or by nobody, spans past the text's end.
 */
import { describe, expect, it } from 'vitest';
import { agreementReport, agreementReportPlain, agreementTableOf, agreementView, overallRow, pooledOnly, type AgreementReport, type AgreementRow } from '../../src/app/reports/agreement.js';
import { renderReport } from '../../src/format/report.js';
import { columnarCells } from '../../src/format/column-table.js';
import { columnTextTable, renderTextTableChunks } from '../../src/format/column-text-table.js';
import * as refText from '../format/reference/text-table-ref.js';
import type { ReportScope, ScopedSource } from '../../src/app/report-scope.js';
import { agreement2x2 } from '../../src/core/stats/binary-2x2.js';
import { binaryAlpha, KAPPA_TWO_CODERS, type AgreementFigures, type UnitCounts } from '../../src/core/agreement.js';
import type { Code } from '../../src/core/codebook.js';
import { CODING_FIELDS } from '../../src/core/span-index.js';
import { mulberry32 as random } from '../support/random.js';

const CODER_IDS: [number, string][] = [[7, 'ana'], [2, 'ben'], [11, 'cy'], [4, 'dee']];

function scopeOf(seed: number): ReportScope {
  const rnd = random(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const codes: Code[] = [];
  for (let c = 0; c < 7; c++) {
    codes.push({ id: 30 + c * 3, name: `code ${c}`, parentId: c > 2 && rnd() < 0.5 ? 30 + int(3) * 3 : null, description: null, include: null, exclude: null, example: null, color: null, createdBy: 'ana', createdAt: '' });
  }
  const shown = new Set(codes.filter(() => rnd() < 0.75).map((c) => c.id));
  const sources: ScopedSource[] = [];
  const packed: Int32Array[] = [];
  for (let i = 0; i < 12; i++) {
    const length = 20 + int(200);
    sources.push({ id: `S${i}`, case: `P${i}`, wave: '1', participantWords: 0, rowId: i + 1, revision: 1, date: null, length, attributes: {}, summary: { length } } as unknown as ScopedSource);
    // Some sources by one coder only, some by nobody.
    const coders = i % 5 === 4 ? [] : i % 4 === 3 ? [CODER_IDS[int(4)]!] : CODER_IDS.filter(() => rnd() < 0.8);
    const rows: number[][] = [];
    for (const [coderId] of coders) {
      for (let n = int(8); n > 0; n--) {
        const start = int(length + 10);
        rows.push([codes[int(codes.length)]!.id, coderId, start, start + 1 + int(40), 0, 0]);
      }
    }
    // Sorted by code first, as the scope's packed codings are.
    rows.sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]! || a[3]! - b[3]!);
    const data = new Int32Array(rows.length * CODING_FIELDS);
    rows.forEach((r, k) => data.set(r, k * CODING_FIELDS));
    packed.push(data);
  }
  return { sources, packed, coderNames: new Map(CODER_IDS), codes, shown } as unknown as ReportScope;
}

/** agreementFigures as it was written before rows were filled in place (an object per table). */
function figuresBefore(counts: UnitCounts): AgreementFigures {
  const c = counts.perCoder.length;
  if (c === 2) {
    const both = counts.codedBy[2]!;
    const cells = { both, onlyA: counts.perCoder[0]! - both, onlyB: counts.perCoder[1]! - both, neither: counts.codedBy[0]! };
    const r = agreement2x2(cells);
    const out: AgreementFigures = { units: counts.units, ...cells, agreementPct: r.agreementPct, kappa: r.kappa, alpha: r.alpha };
    if (r.agreementReason !== undefined) out.agreementReason = r.agreementReason;
    if (r.kappaReason !== undefined) out.kappaReason = r.kappaReason;
    if (r.alphaReason !== undefined) out.alphaReason = r.alphaReason;
    return out;
  }
  const alpha = binaryAlpha(counts.codedBy);
  const out: AgreementFigures = {
    units: counts.units, both: null, onlyA: null, onlyB: null, neither: null,
    agreementPct: counts.units === 0 ? null : ((counts.codedBy[0]! + counts.codedBy[c]!) / counts.units) * 100,
    kappa: null, alpha: alpha.value, kappaReason: KAPPA_TWO_CODERS,
  };
  if (out.agreementPct === null) out.agreementReason = 'no units to compare';
  if (alpha.value === null) out.alphaReason = alpha.reason;
  return out;
}

const rowBefore = (x: AgreementRow): AgreementRow => {
  const counts: UnitCounts = { units: x.units, codedBy: x.codedBy, perCoder: x.both === null ? [] : [x.both + x.onlyA!, x.both + x.onlyB!] };
  if (x.both === null) counts.perCoder = new Array<number>(x.codedBy.length - 1).fill(0);
  return { code: x.code, source: x.source, ...figuresBefore(counts), codedBy: x.codedBy };
};

describe('report agreement: one pass over the codings, figures written onto the rows', () => {
  it('gives the report of the plain functions, byte for byte in JSON, on random scopes', () => {
    let rowsSeen = 0;
    let reasonsSeen = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const scope = scopeOf(seed);
      for (const coders of [['ana', 'ben'], ['ben', 'ana'], ['ana', 'cy', 'dee'], ['dee', 'ben']]) {
        for (const sourcesChosen of [false, true]) {
          const o = { coders, sourcesChosen };
          let plain: string;
          try {
            plain = JSON.stringify(agreementReportPlain(scope, o));
          } catch (e) {
            // No source coded by all: both paths say so the same way.
            expect(() => agreementReport(scope, o)).toThrow((e as Error).message);
            continue;
          }
          const fast = agreementReport(scope, o);
          expect(JSON.stringify(fast)).toBe(plain);
          rowsSeen += fast.rows.length;
          reasonsSeen += fast.rows.filter((x) => x.kappaReason !== undefined || x.alphaReason !== undefined).length;
        }
      }
    }
    // The data reached what could differ: many rows, and rows with undefined figures.
    expect(rowsSeen).toBeGreaterThan(1000);
    expect(reasonsSeen).toBeGreaterThan(10);
  });

  it('fills each row with the keys, order and values of { code, source, ...agreementFigures, codedBy }', () => {
    let reasons = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const scope = scopeOf(seed);
      for (const coders of [['ana', 'ben'], ['ana', 'ben', 'cy']]) {
        const r = agreementReport(scope, { coders, sourcesChosen: true });
        for (const x of r.rows) {
          expect(JSON.stringify(x)).toBe(JSON.stringify(rowBefore(x)));
          if (Object.keys(x).some((k) => k.endsWith('Reason'))) reasons++;
        }
      }
    }
    expect(reasons).toBeGreaterThan(10);
  });
});

describe('report agreement: rows held as columns, the table written from them', () => {
  const FORMATS = ['table', 'md', 'csv', 'json', 'tex', 'html'] as const;

  it('prints in every format what the report with plain rows prints, pooled and --pooled included', () => {
    let fastTables = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const scope = scopeOf(seed);
      // Now and then names the fast text table must leave to the row path (non-ASCII, a line break).
      if (seed % 3 === 0) scope.codes[0]!.name = 'Sélf-care';
      if (seed % 7 === 0) scope.codes[1]!.name = 'two\nlines';
      for (const coders of [['ana', 'ben'], ['ben', 'dee'], ['ana', 'cy', 'dee']]) {
        const o = { coders, sourcesChosen: seed % 2 === 0 };
        let plain: AgreementReport;
        try {
          plain = agreementReportPlain(scope, o);
        } catch {
          continue;
        }
        const held = agreementReport(scope, o);
        expect(agreementTableOf(held)).toBeDefined();
        expect(agreementTableOf(plain)).toBeUndefined();
        const fastView = agreementView(held);
        const rowsView = agreementView(plain);
        if (columnarCells(fastView.tables[0]!.table) !== undefined && columnTextTable(fastView.tables[0]!.table.columns, columnarCells(fastView.tables[0]!.table)!, {}) !== undefined) fastTables++;
        // Both views' "Sources compared" are held as columns (until a renderer reads its rows):
        // against the same table's rows alone.
        const sources = fastView.tables[1]!.table;
        expect(columnarCells(sources)).toBeDefined();
        expect(columnTextTable(sources.columns, columnarCells(sources)!, {})).toBe(refText.renderTextTable({ columns: sources.columns, rows: sources.rows }));
        for (const format of FORMATS) expect(renderReport(format, fastView)).toBe(renderReport(format, rowsView));
        expect(renderReport('table', fastView, { width: 40 })).toBe(renderReport('table', rowsView, { width: 40 }));
        expect(renderReport('table', fastView, { header: (s) => `*${s}*` })).toBe(renderReport('table', rowsView, { header: (s) => `*${s}*` }));
        expect(fastView.paragraphs).toEqual(rowsView.paragraphs);
        // --pooled: only the pooled rows, from the columns or from the rows.
        const pooled = pooledOnly(held);
        const pooledPlain = pooledOnly(plain);
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(pooledPlain));
        expect(JSON.stringify(pooled)).toBe(JSON.stringify({ ...plain, rows: plain.rows.filter((x) => x.source === null) }));
        for (const format of FORMATS) expect(renderReport(format, agreementView(pooled))).toBe(renderReport(format, agreementView(pooledPlain)));
        expect(overallRow(held)).toEqual(plain.rows[plain.rows.length - 1]);
      }
    }
    // The fast path was taken (and so compared) often.
    expect(fastTables).toBeGreaterThan(40);
  });

  it('prints counts beyond 32 bits (a source of billions of characters) as the rows do', () => {
    const scope = scopeOf(5);
    (scope.sources[0] as { length: number }).length = 3e9;
    for (const coders of [['ana', 'ben'], ['ana', 'cy', 'dee']]) {
      const o = { coders, sourcesChosen: true };
      const held = agreementReport(scope, o);
      expect(agreementTableOf(held)!.fits).toBe(false);
      const plain = agreementReportPlain(scope, o);
      for (const format of FORMATS) expect(renderReport(format, agreementView(held))).toBe(renderReport(format, agreementView(plain)));
      expect(renderReport('table', agreementView(held))).toMatch(/\b3000000000\b/);
    }
  });

  it('forgets its columns once its rows are read: the table prints what a caller changed in them', () => {
    const r = agreementReport(scopeOf(3), { coders: ['ana', 'ben'], sourcesChosen: true });
    expect(agreementTableOf(r)).toBeDefined();
    r.rows[0]!.units = 123456789;
    expect(agreementTableOf(r)).toBeUndefined();
    expect(renderReport('table', agreementView(r))).toContain('123456789');
  });

  it('forgets its columns when its rows are replaced, and a copy has none', () => {
    const scope = scopeOf(3);
    const r = agreementReport(scope, { coders: ['ana', 'ben'], sourcesChosen: true });
    const copy = { ...r };
    expect(agreementTableOf(copy)).toBeUndefined();
    expect(copy.rows).toEqual(r.rows);
    r.rows = r.rows.slice(0, 1);
    expect(agreementTableOf(r)).toBeUndefined();
    expect(renderReport('table', agreementView(r))).toBe(renderReport('table', agreementView({ ...r })));
    expect(agreementView(r).tables[0]!.table.rows).toHaveLength(1);
  });
});
