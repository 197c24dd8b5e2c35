/**
 * Tables held in columns (format/column-table.ts) and the text table written from them byte
 * by byte (text-table.ts, columnTextTable), against the same table rendered from its rows and
 * against the reference renderer (test/format/reference/), on random tables with what could make
 * them differ: empty cells, trailing spaces, negative zero, rounding at every decimal count,
 * numbers beyond 32 bits and beyond 2^53, non-ASCII and multi-line text (which must take the
 * row path), narrow widths, a header style.
 */
import { describe, expect, it } from 'vitest';
import { columnarCells, columnTable, INT_EMPTY, type ColumnCells } from '../../src/format/column-table.js';
import { renderCsv } from '../../src/format/csv.js';
import { renderMarkdown } from '../../src/format/markdown.js';
import type { Cell, Column, TableData } from '../../src/format/table-shape.js';
import { columnTextTable, renderTextTableChunks } from '../../src/format/column-text-table.js';
import { renderTextTable } from '../../src/format/text-table.js';
import { renderReport, renderReportChunks, type ReportView } from '../../src/format/report.js';
import * as refText from './reference/text-table-ref.js';
import { mulberry32 as random } from '../support/random.js';

const ASCII = ['', ' ', 'a', 'Theme 1', 'P001_T1', 'trailing  ', ' leading', 'all codes', 'x'.repeat(40), '~!@#$%^&*()', '12', '-3', 'a  b'];
const OTHER = ['Sélf-care', 'two\nlines', 'tab\there', '漢字', '😀', 'nbsp\u00a0', 'esc\u001b[31m', 'del\u007f', 'bidi\u202e'];
const NUMBERS = [0, -0, 1, -1, 7, 10, 99, 100, 101, 999, 1000, 0.05, 0.15, 0.5, 1.005, -0.0004, -0.0005, 2.5, -2.5, 96.7, 99.95, 99.96, -0.013, 1e-7,
  123456.789, 2 ** 31 - 1, -(2 ** 31) + 1, 2 ** 31, 2 ** 32 + 0.5, 1e15, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5e300, NaN, Infinity, -Infinity];

interface Generated {
  table: TableData;
  rows: Record<string, Cell>[];
  /** Every text the table holds is printable ASCII (the fast path may take it). */
  ascii: boolean;
}

function generate(rnd: () => number): Generated {
  const int = (n: number): number => Math.floor(rnd() * n);
  const n = int(40);
  const nCols = 1 + int(6);
  const other = rnd() < 0.25;
  const columns: Column[] = [];
  const cells = new Map<string, ColumnCells>();
  const rows: Record<string, Cell>[] = Array.from({ length: n }, () => ({}));
  for (let i = 0; i < nCols; i++) {
    const key = `k${i}`;
    const kind = rnd() < 0.35 ? 'text' : rnd() < 0.5 ? 'int' : 'number';
    const decimals = kind !== 'text' && rnd() < 0.5 ? int(6) : undefined;
    columns.push({ key, header: rnd() < 0.15 ? 'héader' : `col ${i}`, align: rnd() < 0.6 ? 'right' : 'left', wrap: rnd() < 0.3 ? true : undefined, decimals });
    if (kind === 'text') {
      const values = [...ASCII.filter(() => rnd() < 0.5), ...(other ? OTHER.filter(() => rnd() < 0.3) : [])];
      const index = Int32Array.from({ length: n }, () => (values.length === 0 || rnd() < 0.1 ? -1 : int(values.length)));
      cells.set(key, { kind: 'text', values, index });
      index.forEach((k, r) => (rows[r]![key] = k < 0 ? null : values[k]!));
    } else if (kind === 'int') {
      const big = rnd() < 0.3;
      const values = Int32Array.from({ length: n }, () => (rnd() < 0.1 ? INT_EMPTY : big ? int(2 ** 32) - 2 ** 31 + 1 : int(2000) - 300));
      cells.set(key, { kind: 'int', values });
      values.forEach((v, r) => (rows[r]![key] = v === INT_EMPTY ? null : v));
    } else {
      const scale = 10 ** int(8);
      const values = Float64Array.from({ length: n }, () => (rnd() < 0.3 ? NUMBERS[int(NUMBERS.length)]! : rnd() < 0.5 ? Math.round((rnd() - 0.3) * scale) : (rnd() - 0.3) * scale));
      // As plain numbers now and then (any array of numbers is a column).
      cells.set(key, { kind: 'number', values: rnd() < 0.3 ? Array.from(values) : values });
      values.forEach((v, r) => (rows[r]![key] = Number.isFinite(v) ? v : null));
    }
  }
  const texts = [...cells.values()].flatMap((c) => (c.kind === 'text' ? c.values : []));
  return { table: columnTable(columns, { length: n, cells }, () => rows), rows, ascii: texts.every((t) => /^[\x20-\x7e]*$/.test(t)) };
}

/** Pieces of text and bytes as the text they make. */
const joined = (pieces: (string | Uint8Array)[]): string => Buffer.concat(pieces.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');

describe('text tables held in columns', () => {
  it('print exactly what their rows print, and what the reference renderer prints', () => {
    const rnd = random(42);
    let fast = 0;
    let slow = 0;
    for (let k = 0; k < 1200; k++) {
      const { table, rows, ascii } = generate(rnd);
      const options = { width: rnd() < 0.7 ? undefined : 10 + Math.floor(rnd() * 60), header: rnd() < 0.2 ? (s: string) => `<${s}>` : undefined };
      const plain = { columns: table.columns, rows };
      const expected = refText.renderTextTable(plain, options);
      expect(renderTextTable(plain, options)).toBe(expected);
      const direct = columnTextTable(table.columns, columnarCells(table)!, options);
      if (direct === undefined) slow++;
      else {
        fast++;
        expect(direct).toBe(expected);
      }
      // Non-ASCII or multi-line text always takes the row path.
      if (!ascii) expect(direct).toBeUndefined();
      expect(joined(renderTextTableChunks(table, options))).toBe(expected);
      // The other renderers read the rows the table makes.
      expect(renderMarkdown(table)).toBe(renderMarkdown(plain));
      expect(renderCsv(table)).toBe(renderCsv(plain));
    }
    expect(fast).toBeGreaterThan(600);
    expect(slow).toBeGreaterThan(120);
  });

  it('a big table of whole numbers and rounded figures, as an agreement report prints', () => {
    const rnd = random(7);
    const n = 5000;
    const columns: Column[] = [
      { key: 'code', header: 'code' }, { key: 'units', header: 'units', align: 'right' },
      { key: 'pct', header: 'agreement %', align: 'right', decimals: 1 }, { key: 'kappa', header: 'kappa', align: 'right', decimals: 3 },
    ];
    const codes = ['Theme 1', 'Theme 2', 'all codes'];
    const code = Int32Array.from({ length: n }, () => Math.floor(rnd() * 3));
    const units = Int32Array.from({ length: n }, () => Math.floor(rnd() * 100000));
    const pct = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : rnd() * 100));
    const kappa = Float64Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : rnd() * 2 - 1));
    const rows = Array.from({ length: n }, (_, r) => ({ code: codes[code[r]!]!, units: units[r]!, pct: Number.isNaN(pct[r]!) ? null : pct[r]!, kappa: Number.isNaN(kappa[r]!) ? null : kappa[r]! }));
    const table = columnTable(columns, { length: n, cells: new Map<string, ColumnCells>([['code', { kind: 'text', values: codes, index: code }], ['units', { kind: 'int', values: units }], ['pct', { kind: 'number', values: pct }], ['kappa', { kind: 'number', values: kappa }]]) }, () => rows);
    expect(columnTextTable(columns, columnarCells(table)!, {})).toBe(refText.renderTextTable({ columns, rows }, {}));
  });

  it('make their rows once, on first use; a copy or replaced rows leave the columns behind', () => {
    let made = 0;
    const columns: Column[] = [{ key: 'a', header: 'a', align: 'right' }];
    const table = columnTable(columns, { length: 2, cells: new Map<string, ColumnCells>([['a', { kind: 'int', values: Int32Array.of(1, 22) }]]) }, () => {
      made++;
      return [{ a: 1 }, { a: 22 }];
    });
    expect(joined(renderTextTableChunks(table))).toBe(' a\n 1\n22\n');
    expect(made).toBe(0);
    expect(table.rows).toEqual([{ a: 1 }, { a: 22 }]);
    expect(table.rows).toBe(table.rows);
    expect(made).toBe(1);
    // --columns makes a new table: rows only.
    const copy = { ...table, columns: [{ key: 'a', header: 'a' }] };
    expect(columnarCells(copy)).toBeUndefined();
    expect(copy.rows).toEqual([{ a: 1 }, { a: 22 }]);
    table.rows = [{ a: 333 }];
    expect(columnarCells(table)).toBeUndefined();
    expect(joined(renderTextTableChunks(table))).toBe('  a\n333\n');
  });
});

/**
 * A report as a text table, laid out from each table's text (renderTextTable, which writes a
 * table held in columns as a string): the tables with their titles, the prose, who coded, a
 * blank line between each. renderReport's 'table' is built from the pieces, so this is the oracle.
 */
function tableReport(view: ReportView, options: Parameters<typeof renderTextTable>[1]): string {
  const parts = view.tables.map((t) => (t.title === undefined ? '' : `${t.title}\n`) + renderTextTable(t.table, options, t.indentKey === undefined ? undefined : { depthKey: t.indentKey, unit: '  ' }));
  if (view.paragraphs !== undefined) parts.push(view.paragraphs.join('\n\n') + '\n');
  if (view.coders !== undefined) parts.push(`${view.coders.sentence}\n`);
  return parts.join('\n');
}

describe('report text in pieces (renderReportChunks)', () => {
  it('joins to exactly what renderReport prints, with tables held in columns or not', () => {
    const rnd = random(9);
    let bytes = 0;
    for (let k = 0; k < 300; k++) {
      const tables = Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => {
        const { table, rows } = generate(rnd);
        const held = rnd() < 0.7;
        return { title: rnd() < 0.5 ? `Table ${i}` : undefined, table: held ? table : { columns: table.columns, rows }, indentKey: rnd() < 0.15 ? 'depth' : undefined };
      });
      const view: ReportView = {
        title: 'T', data: null, tables,
        paragraphs: rnd() < 0.5 ? ['One paragraph.', 'Another, with ünïcode.'] : undefined,
        coders: rnd() < 0.5 ? { coders: ['ana'], rule: 'named', sentence: 'Coders in scope: ana.' } : undefined,
      };
      const options = { width: rnd() < 0.8 ? undefined : 30, header: rnd() < 0.3 ? (s: string) => `*${s}*` : undefined };
      const chunks = renderReportChunks('table', view, options);
      bytes += chunks.filter((c) => typeof c !== 'string').length;
      const text = joined(chunks);
      expect(text).toBe(tableReport(view, options));
      expect(renderReport('table', view, options)).toBe(text);
      for (const format of ['md', 'csv', 'json'] as const) expect(renderReportChunks(format, view)).toEqual([renderReport(format, view)]);
    }
    // Tables went out as bytes (and so were compared).
    expect(bytes).toBeGreaterThan(50);
  });
});
