/**
 * Tables held in columns (format/column-table.ts) and the text table written from them byte
 * by byte (text-table.ts, columnTextTable), against the same table rendered from its rows and
 * against the reference renderer (test/format/reference/), on random tables with what could make
 * them differ: empty cells, trailing spaces, negative zero, rounding at every decimal count,
 * numbers beyond 32 bits and beyond 2^53, characters beyond ASCII (those of one code point that
 * print as they are may take the byte path; emoji, white space, controls and multi-line text must
 * not), a tree's indent, narrow widths, a header style.
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
const OTHER = ['Sélf-care', 'two\nlines', 'tab\there', '漢字', '😀', 'nbsp\u00a0', 'esc\u001b[31m', 'del\u007f', 'bidi\u202e', 'c1\u0085', 'em\u2003space'];
/** Characters beyond ASCII the byte path may print (one UTF-16 unit, printed as it is, not white space). */
const MARKABLE = ['●', '–', '·', 'é', '—', '≤', '“', '”', '漢', 'Ω'];
const NUMBERS = [0, -0, 1, -1, 7, 10, 99, 100, 101, 999, 1000, 0.05, 0.15, 0.5, 1.005, -0.0004, -0.0005, 2.5, -2.5, 96.7, 99.95, 99.96, -0.013, 1e-7,
  123456.789, 2 ** 31 - 1, -(2 ** 31) + 1, 2 ** 31, 2 ** 32 + 0.5, 1e15, 2 ** 53, 2 ** 53 + 2, 1e21, 1.5e300, NaN, Infinity, -Infinity];

interface Generated {
  table: TableData;
  rows: Record<string, Cell>[];
  /** No text the table holds is unprintable byte by byte (else it must take the row path). */
  ascii: boolean;
  /** With a tree's indent: its depth column (a cell of each row, not a column shown). */
  indent?: { depthKey: string; unit: string };
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
      const marked = rnd() < 0.3 ? MARKABLE.filter(() => rnd() < 0.4).map((c, k) => (k % 2 === 0 ? c : `${c} x${c}`)) : [];
      const values = [...ASCII.filter(() => rnd() < 0.5), ...marked, ...(other ? OTHER.filter(() => rnd() < 0.3) : [])];
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
  // A tree now and then: depths 0 … 3 (some cells empty) in a column the table does not show.
  let indent: Generated['indent'];
  if (rnd() < 0.4) {
    const depth = Int32Array.from({ length: n }, () => (rnd() < 0.1 ? INT_EMPTY : Math.floor(rnd() * 4)));
    cells.set('depth', { kind: 'int', values: depth });
    depth.forEach((d, r) => (rows[r]!.depth = d === INT_EMPTY ? null : d));
    indent = { depthKey: 'depth', unit: '  ' };
  }
  // What the row path escapes, wraps or trims, or what is more than one UTF-16 unit: never printed byte by byte.
  const unprintable = (t: string): boolean => /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/.test(t) || /\s/.test(t.replace(/ /g, ''));
  return { table: columnTable(columns, { length: n, cells }, () => rows), rows, ascii: !texts.some(unprintable), indent };
}

/** Pieces of text and bytes as the text they make. */
const joined = (pieces: (string | Uint8Array)[]): string => Buffer.concat(pieces.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');

describe('text tables held in columns', () => {
  it('print exactly what their rows print, and what the reference renderer prints', () => {
    const rnd = random(42);
    let fast = 0;
    let slow = 0;
    let indented = 0;
    let marked = 0;
    for (let k = 0; k < 1200; k++) {
      const { table, rows, ascii, indent } = generate(rnd);
      const options = { width: rnd() < 0.7 ? undefined : 10 + Math.floor(rnd() * 60), header: rnd() < 0.2 ? (s: string) => `<${s}>` : undefined };
      const plain = { columns: table.columns, rows };
      // The reference has no trees: its first column is given indented, as the row path indents it.
      const first = table.columns[0]?.key;
      const indented0 = indent === undefined || first === undefined ? plain : { columns: table.columns, rows: rows.map((r) => ({ ...r, [first]: `${indent.unit.repeat(Number(r.depth ?? 0))}${r[first] ?? ''}` })) };
      const expected = refText.renderTextTable(indented0, options);
      expect(renderTextTable(plain, options, indent)).toBe(expected);
      const direct = columnTextTable(table.columns, columnarCells(table)!, options, indent);
      if (direct === undefined) slow++;
      else {
        fast++;
        if (indent !== undefined) indented++;
        if (/[^\x00-\x7f]/.test(direct)) marked++;
        expect(direct).toBe(expected);
      }
      // Emoji, white space beyond the space, controls and multi-line text always take the row path.
      if (!ascii) expect(direct).toBeUndefined();

      expect(joined(renderTextTableChunks(table, options, indent))).toBe(expected);
      // The other renderers read the rows the table makes.
      expect(renderMarkdown(table)).toBe(renderMarkdown(plain));
      expect(renderCsv(table)).toBe(renderCsv(plain));
    }
    expect(fast).toBeGreaterThan(500);
    expect(slow).toBeGreaterThan(120);
    // The byte path printed trees and characters beyond ASCII (and so was compared on them).
    expect(indented).toBeGreaterThan(30);
    expect(marked).toBeGreaterThan(50);
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
