/**
 * `codings --format xlsx` streams its workbook so that memory does not grow with the
 * listing: the streamed workbook must hold exactly what renderXlsx makes of the whole table,
 * including column widths measured on the first 500 rows. Neither writes more rows than an
 * Excel sheet holds.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Cell, Column } from '../../src/format/table-shape.js';
import { renderXlsx, streamXlsx } from '../../src/format/xlsx.js';

const columns: Column[] = [
  { key: 'id', header: 'id', align: 'right' },
  { key: 'code', header: 'code' },
  { key: 'quote', header: 'quote', wrap: true },
];

/** Rows whose later quotes are longer, so widths measured past row 500 would differ. */
const rows = (n: number): Record<string, Cell>[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, code: i % 3 === 0 ? 'Sleep & nights' : 'Support', quote: i < 500 ? `short ${i}` : `a much longer quote that would widen the column ${i} <&>` }));

function streamed(data: Record<string, Cell>[]): Record<string, Uint8Array> {
  const chunks: Uint8Array[] = [];
  const book = streamXlsx({ title: 'segments', sheet: 'segments', columns }, (c) => chunks.push(c));
  for (const r of data) book.row(r);
  book.end();
  return unzipSync(Buffer.concat(chunks));
}

const whole = (data: Record<string, Cell>[]) => unzipSync(renderXlsx({ title: 'segments', sheets: [{ name: 'segments', table: { columns, rows: data } }] }));
const texts = (files: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)]));

describe('streamXlsx', () => {
  for (const n of [0, 3, 500, 1234]) {
    it(`holds the same parts as renderXlsx (${n} rows)`, () => {
      expect(texts(streamed(rows(n)))).toEqual(texts(whole(rows(n))));
    });
  }

  it('refuses more rows than a sheet holds, streamed or whole (Excel would drop the rest)', () => {
    // A sheet of at most 4 rows: the header and 3 rows.
    const stream = (n: number): void => {
      const book = streamXlsx({ title: 'segments', sheet: 'segments', columns }, () => {}, 4);
      for (const r of rows(n)) book.row(r);
      book.end();
    };
    expect(() => stream(3)).not.toThrow();
    expect(() => stream(4)).toThrow(/more than 3 rows: an Excel sheet holds 3 below its header/);
    const render = (n: number) => renderXlsx({ title: 'segments', sheets: [{ name: 'segments', table: { columns, rows: rows(n) } }] }, 4);
    expect(() => render(3)).not.toThrow();
    expect(() => render(4)).toThrow(/^4 rows: an Excel sheet holds 3 below its header/);
  });
});
