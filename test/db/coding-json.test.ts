import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

/**
 * `codings --json` has SQLite's json_quote write its strings (CodingListingRepo.jsonRowsOfSource):
 * it must give the bytes of JSON.stringify for every string a valid UTF-8 text can hold.
 */
describe("SQLite's json_quote", () => {
  const db = new Database(':memory:');
  const quote = db.prepare<[string], Buffer>('SELECT CAST(json_quote(?) AS BLOB)').pluck();
  const same = (s: string): void => expect(quote.get(s)!.toString('utf8'), JSON.stringify(s)).toBe(JSON.stringify(s));

  it('escapes every code point as JSON.stringify does', () => {
    // Every code point but the surrogates (not in UTF-8), each alone and in runs of 256.
    for (let c = 0; c < 0x110000; c += 256) {
      const run: string[] = [];
      for (let d = c; d < c + 256; d++) if (d < 0xd800 || d > 0xdfff) run.push(String.fromCodePoint(d));
      if (c < 0x10000) for (const ch of run) same(ch);
      same(run.join(''));
    }
  });

  it('escapes awkward strings as JSON.stringify does', () => {
    for (const s of ['', 'say "hi" \\ and \\"', '\u0000nul in the middle\u0000', '\u2028\u2029\u007f', '"', '\\', 'x'.repeat(100000) + '"']) same(s);
  });
});
