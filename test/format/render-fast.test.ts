/**
 * The fast paths of the table renderers (text, Markdown, CSV, rounding) against the renderers
 * they replaced (test/format/reference/, kept verbatim), on awkward text and random tables.
 */
import { describe, expect, it } from 'vitest';
import { csvHeader, csvRow, renderCsv } from '../../src/format/csv.js';
import { escapeMd, markdownRow, renderMarkdown } from '../../src/format/markdown.js';
import { roundFixed, roundFixedReference, type Cell, type Column, type TableData } from '../../src/format/table-shape.js';
import { keptByTrimEnd, len, plainWidth, renderTextTable, TextTableWidths } from '../../src/format/text-table.js';
import { escapeControls } from '../../src/core/control-chars.js';
import * as refCsv from './reference/csv-ref.js';
import * as refMd from './reference/markdown-ref.js';
import * as refText from './reference/text-table-ref.js';

/** Text where a width or escape fast path could go wrong. */
const AWKWARD = [
  '', ' ', 'plain', 'trailing  ', ' leading', 'a\u00a0b', 'nbsp\u00a0', '\u00a0', 'tab\there', 'line\nbreak', ' cr\r\nlf ', 'only\r',
  '漢字のテキスト', '한국어', 'ｆｕｌｌ', '😀', '😀x', '👩‍👩‍👧‍👦 family', '❤️', '☺︎', '🇫🇷', 'e\u0301', 'Zalgo z\u0336\u0335a\u0337',
  '\u0007bell', 'esc\u001b[31mred', 'del\u007f', 'c1\u0085', 'c1\u009b', 'ls\u2028', 'ps\u2029', 'bidi\u202e', 'iso\u2067x',
  '\ud800 lone high', 'lone low \udc00', 'end high \ud83d', 'ideographic\u3000', 'bom\ufeff', 'thin\u2009', 'Ünïcödé', 'Größe', '●', '✓ ', 'end\u3000',
  '=1+1', '+x', '-y', '@z', '"quoted"', 'a,b', 'pipe | and \\ back', '*bold* _em_ `code` [l](x) <b> #h',
  'x'.repeat(70), `${'long '.repeat(20)}😀`, `${'word '.repeat(15)}end\u00a0`, `${'y'.repeat(40)}|${'z'.repeat(40)}`,
];
const NUMBERS = [0, -0, 1, -1, 0.05, 0.15, 1.005, -0.0004, 2.5, -2.5, 96.7, -0.013, 1e-7, 123456.789, 1e15, 1e21, 1.5e300, NaN, Infinity, -Infinity];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomTable(rand: () => number): TableData & { depth: string } {
  const nCols = 1 + Math.floor(rand() * 5);
  const columns: Column[] = Array.from({ length: nCols }, (_, i) => ({
    key: `k${i}`,
    header: rand() < 0.2 ? AWKWARD[Math.floor(rand() * AWKWARD.length)]!.replace(/[\n\r\t]/g, '') : `col ${i}`,
    align: rand() < 0.5 ? 'right' : 'left',
    wrap: rand() < 0.4 ? true : undefined,
    decimals: rand() < 0.4 ? Math.floor(rand() * 4) : undefined,
  }));
  const cell = (): Cell => {
    const x = rand();
    if (x < 0.45) return AWKWARD[Math.floor(rand() * AWKWARD.length)]!;
    if (x < 0.8) return rand() < 0.5 ? NUMBERS[Math.floor(rand() * NUMBERS.length)]! : (rand() - 0.5) * 10 ** Math.floor(rand() * 8);
    if (x < 0.9) return rand() < 0.5;
    return rand() < 0.5 ? null : undefined;
  };
  const rows = Array.from({ length: Math.floor(rand() * 12) }, () => {
    const r: Record<string, Cell> = { depth: Math.floor(rand() * 3) };
    for (const c of columns) r[c.key] = cell();
    return r;
  });
  return { columns, rows, depth: 'depth' };
}

/** The rows with the first column indented, as report.ts built them before renderers indented. */
function indented(t: TableData, depthKey: string, unit: string): TableData {
  const key = t.columns[0]!.key;
  return { columns: t.columns, rows: t.rows.map((r) => ({ ...r, [key]: `${unit.repeat(Number(r[depthKey] ?? 0))}${r[key] ?? ''}` })) };
}

describe('plainWidth (the text table’s one-scan width)', () => {
  it('equals the reference width, and is -1 exactly when cellOf would change the text', () => {
    const all = [...AWKWARD, ...AWKWARD.map((a) => a + a), ...AWKWARD.map((a) => `${'p'.repeat(80)}${a}`)];
    for (const s of all) {
      const cleaned = escapeControls(s.includes('\n') || s.includes('\t') ? s.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : s);
      const w = plainWidth(s);
      if (w >= 0) expect(cleaned).toBe(s);
      else expect(cleaned).not.toBe(s);
      if (w >= 0) expect(w).toBe([...s].length);
      expect(len(s)).toBe([...s].length);
    }
  });
});

describe('keptByTrimEnd (lines whose trimEnd can be skipped)', () => {
  it('is true only for characters trimEnd keeps, over all of the BMP', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = `x${String.fromCharCode(c)}`;
      if (keptByTrimEnd(c) && s.trimEnd() !== s) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    expect(keptByTrimEnd(NaN)).toBe(false);
  });
});

describe('roundFixed (fast path) against toFixed', () => {
  it('gives the same text for edge values and random ones, at 0 to 6 decimals', () => {
    const rand = lcg(7);
    const values = [...NUMBERS, 0.5, 1.5, 0.125, 0.0005, 9.9995, 99.95, 0.045, 1e14 + 0.5, 4.35, -4.35, 1.45, 8.675, 2 ** 52, 2 ** 53 + 2];
    for (let i = 0; i < 20_000; i++) values.push((rand() - 0.5) * 10 ** Math.floor(rand() * 16 - 6), Math.round(rand() * 1e6) / 10 ** Math.floor(rand() * 7));
    const wrong: string[] = [];
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      for (let d = 0; d <= 6; d++) if (roundFixed(v, d) !== roundFixedReference(v, d)) wrong.push(`${v} at ${d}: ${roundFixed(v, d)}, not ${roundFixedReference(v, d)}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('renderers against the reference renderers on random tables', () => {
  it('text tables: no width limit, narrow widths (wrapping), a header style, and indented trees', () => {
    const rand = lcg(12);
    for (let k = 0; k < 600; k++) {
      const t = randomTable(rand);
      const width = rand() < 0.5 ? undefined : 10 + Math.floor(rand() * 60);
      const options = { width, header: rand() < 0.3 ? (s: string) => `<${s}>` : undefined };
      expect(renderTextTable(t, options)).toBe(refText.renderTextTable(t, options));
      const unit = rand() < 0.5 ? '  ' : '\u00a0\u00a0';
      expect(renderTextTable(t, options, { depthKey: t.depth, unit })).toBe(refText.renderTextTable(indented(t, t.depth, unit), options));
    }
  });

  it('text tables written row by row (two passes) give the same lines', () => {
    const rand = lcg(99);
    for (let k = 0; k < 300; k++) {
      const t = randomTable(rand);
      // Now and then a cell thousands of characters long (a framework matrix's), padding the others by as many.
      if (k % 10 === 0 && t.rows.length > 0) t.rows[0]![t.columns[0]!.key] = `${'long text '.repeat(300 + k)}end`;
      const options = { width: rand() < 0.5 ? undefined : 10 + Math.floor(rand() * 40) };
      const mine = new TextTableWidths(t.columns);
      const ref = new refText.TextTableWidths(t.columns);
      for (const r of t.rows) {
        mine.add(r);
        ref.add(r);
      }
      const a = mine.layout(options);
      const b = ref.layout(options);
      expect(a.head).toBe(b.head);
      for (const r of t.rows) {
        expect(a.lines(r)).toEqual(b.lines(r));
        expect(a.rowText(r)).toBe(b.lines(r).join('\n'));
        const written: string[] = [];
        a.writeRow(r, (p) => written.push(p));
        expect(written.join('')).toBe(`${b.lines(r).join('\n')}\n`);
      }
    }
  });

  it('Markdown and CSV, with and without an indented tree', () => {
    const rand = lcg(5);
    for (let k = 0; k < 600; k++) {
      const t = randomTable(rand);
      expect(renderMarkdown(t)).toBe(refMd.renderMarkdown(t));
      expect(renderMarkdown(t, { depthKey: t.depth, unit: '\u00a0\u00a0' })).toBe(refMd.renderMarkdown(indented(t, t.depth, '\u00a0\u00a0')));
      for (const r of t.rows) expect(markdownRow(t.columns, r)).toBe(refMd.markdownRow(t.columns, r));
      expect(renderCsv(t)).toBe(refCsv.renderCsv(t));
      // A constant last column (the coders in scope) against the rows it used to be copied into.
      const value = AWKWARD[k % AWKWARD.length]!;
      const withLast = { columns: [...t.columns, { key: 'last', header: 'coders in scope' }], rows: t.rows.map((r) => ({ ...r, last: value })) };
      expect(renderCsv(t, { key: 'last', header: 'coders in scope', value })).toBe(refCsv.renderCsv(withLast));
      expect(csvHeader(t.columns)).toBe(refCsv.csvHeader(t.columns));
      for (const r of t.rows) expect(csvRow(t.columns, r)).toBe(refCsv.csvRow(t.columns, r));
    }
    for (const s of [...AWKWARD, ...NUMBERS, true, null, undefined]) expect(escapeMd(s)).toBe(refMd.escapeMd(s));
  });
});
