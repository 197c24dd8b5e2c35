import { describe, expect, it } from 'vitest';
import { libraryCsvRecords, quickCsvRecords } from '../../src/io/coding-rows-file.js';

/** Text of `n` characters drawn (seeded) from `alphabet`. */
function randomText(seed: number, n: number, alphabet: string[]): string {
  let a = seed;
  const rnd = (): number => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)]!;
  return s;
}

const library = (text: string, delimiter: string): unknown => {
  try {
    return libraryCsvRecords(text, 'f.csv', delimiter);
  } catch (e) {
    return (e as Error).message;
  }
};

describe('the quick CSV reader of tag --from', () => {
  it('reads what csv-parse reads, record by record and line by line, or leaves the file to it', () => {
    const alphabet = ['a', 'b', ' ', ',', '\t', '\n', '\n', '\n\n', 'é', '😀', '\uFEFF', '-', '1'];
    let quick = 0;
    let declined = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const delimiter = seed % 3 === 0 ? '\t' : ',';
      // Some texts with quotes and carriage returns, which the quick reader must decline.
      const extra = seed % 7 === 0 ? ['"'] : seed % 11 === 0 ? ['\r\n', '\r'] : [];
      const text = (seed % 5 === 0 ? '\uFEFF' : '') + randomText(seed, 1 + (seed % 60), [...alphabet, ...extra]);
      const got = quickCsvRecords(text, delimiter);
      if (got === undefined) {
        declined++;
        continue;
      }
      quick++;
      expect(got, JSON.stringify(text)).toEqual(library(text, delimiter));
    }
    // Both kinds occur: the comparison above is not vacuous.
    expect(quick).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(500);
  });

  it('declines rows of another width, quotes and carriage returns, so that csv-parse words the error', () => {
    expect(quickCsvRecords('code,source,lines\nA,P1,3\nA,P1\n', ',')).toBeUndefined();
    expect(quickCsvRecords('code,source,lines\n"A",P1,3\n', ',')).toBeUndefined();
    expect(quickCsvRecords('code,source,lines\r\nA,P1,3\r\n', ',')).toBeUndefined();
    expect(quickCsvRecords('\uFEFFcode,source\n\nA,P1\n\n', ',')).toEqual([{ cells: ['code', 'source'], line: 1 }, { cells: ['A', 'P1'], line: 3 }]);
  });
});
