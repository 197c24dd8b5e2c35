import { describe, expect, it } from 'vitest';
import { render } from '../../src/format/render.js';
import { rowWriter } from '../../src/format/row-writer.js';
import type { Cell, Column, OutputFormat } from '../../src/format/table-shape.js';
import { lineStartsOfUtf8 } from '../../src/core/code-points.js';

const columns: Column[] = [
  { key: 'n', header: 'n', align: 'right', decimals: 1 },
  { key: 'text', header: 'text', wrap: true },
  { key: 'flag', header: 'flag' },
];
const rows: Record<string, Cell>[] = [
  { n: 1.25, text: '=SUM(A1) | *bold* "quoted", with a\nline break', flag: true },
  { n: Number.NaN, text: 'café 🙂 and a rather long sentence that will have to wrap in a narrow terminal', flag: null },
  { n: -0, text: '', flag: false },
];
const data: unknown[] = [
  { n: 1.25, text: 'a\nb', nested: { deep: [1, 2] } },
  { n: Number.NaN, missing: undefined, text: 'é', ok: null, yes: true },
  [1, 'two'],
  {},
  'plain',
];

function streamed(format: OutputFormat, width?: number, json: unknown[] = rows): string {
  let out = '';
  const w = rowWriter(format, columns, (s) => (out += s), { width });
  for (let pass = 0; pass < w.passes; pass++) {
    json.forEach((d, i) => w.row(rows[i % rows.length]!, d));
    w.endPass();
  }
  return out;
}

describe('rowWriter', () => {
  it.each(['csv', 'md', 'table'] as const)('writes %s byte for byte as render does', (format) => {
    expect(streamed(format)).toBe(render(format, { columns, rows }, rows));
    expect(streamed(format, 30)).toBe(render(format, { columns, rows }, rows, { width: 30 }));
  });

  it('writes JSON as JSON.stringify(rows, null, 2) does, flat or nested, and [] for none', () => {
    expect(streamed('json', undefined, data)).toBe(JSON.stringify(data, null, 2) + '\n');
    expect(streamed('json', undefined, rows)).toBe(JSON.stringify(rows, null, 2) + '\n');
    expect(streamed('json', undefined, [])).toBe('[]\n');
    expect(streamed('csv', undefined, [])).toBe(render('csv', { columns, rows: [] }, []));
    expect(streamed('table', undefined, [])).toBe(render('table', { columns, rows: [] }, []));
  });
});

describe('lineStartsOfUtf8', () => {
  it('gives line starts in code points from UTF-8 bytes', () => {
    const text = 'a🙂b\ncafé\n\nlast';
    const expected = [0];
    [...text].forEach((ch, i) => ch === '\n' && expected.push(i + 1));
    expect(lineStartsOfUtf8(new TextEncoder().encode(text))).toEqual(expected);
    expect(lineStartsOfUtf8(new Uint8Array(0))).toEqual([0]);
  });
});
