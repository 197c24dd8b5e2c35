/**
 * HeldUntilRead (core/made-when-read.ts): the property is made once, on first read, in its
 * place among the keys; the data a fast path reads is forgotten as soon as the property is read
 * or set, so that a caller's changes to what it read are what every output then shows.
 */
import { describe, expect, it } from 'vitest';
import { HeldUntilRead } from '../../src/core/made-when-read.js';

interface Row {
  name: string;
  cells: number[];
  total: number;
}

describe('HeldUntilRead', () => {
  it('makes the property once, on first read, keeping the keys in order', () => {
    const held = new HeldUntilRead<Row, Float64Array>();
    let made = 0;
    const row = held.define({ name: 'a', cells: [], total: 3 }, 'cells', Float64Array.of(1, 2), () => {
      made++;
      return [1, 2];
    });
    expect(made).toBe(0);
    expect(held.get(row)).toEqual(Float64Array.of(1, 2));
    expect(JSON.stringify(row)).toBe('{"name":"a","cells":[1,2],"total":3}');
    expect(row.cells).toBe(row.cells);
    expect(made).toBe(1);
  });

  it('forgets the data once the property is read, or set', () => {
    const held = new HeldUntilRead<Row, string>();
    const read = held.define({ name: 'r', cells: [], total: 0 }, 'cells', 'data', () => [7]);
    void read.cells;
    expect(held.get(read)).toBeUndefined();
    const set = held.define({ name: 's', cells: [], total: 0 }, 'cells', 'data', () => [7]);
    set.cells = [8];
    expect(held.get(set)).toBeUndefined();
    expect(set.cells).toEqual([8]);
    // A copy carries the values, not the data.
    const other = held.define({ name: 'c', cells: [], total: 0 }, 'cells', 'data', () => [9]);
    expect(held.get({ ...other })).toBeUndefined();
  });

});
