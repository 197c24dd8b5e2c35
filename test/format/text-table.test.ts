/** The text table measures width in code points and renders many rows. */
import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../../src/format/text-table.js';

describe('renderTextTable', () => {
  it('aligns columns by code points: an emoji (a surrogate pair) is one', () => {
    const out = renderTextTable({ columns: [{ key: 'a', header: 'a' }, { key: 'b', header: 'b', align: 'right' }], rows: [{ a: '😀x', b: 1 }, { a: 'abc', b: 22 }] });
    expect(out).toBe('a     b\n😀x    1\nabc  22\n');
  });

  it('joins a cell’s lines with single spaces and renders 200,000 rows', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ a: i === 0 ? 'one\n  two' : 'x' }));
    const out = renderTextTable({ columns: [{ key: 'a', header: 'a' }], rows });
    expect(out.split('\n')[1]).toBe('one two');
    expect(out.split('\n')).toHaveLength(200_002);
  });
});
