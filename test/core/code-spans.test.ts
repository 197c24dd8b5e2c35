/**
 * mergedSpansByCode over packed codings against the plain definition (DESIGN.md, "Figures
 * in reports"): per code and source, the codings of the code and its descendants merged
 * when they overlap or touch; words = participant words whose first character is inside.
 */
import { describe, expect, it } from 'vitest';
import type { Code } from '../../src/core/codebook.js';
import { countBelow } from '../../src/core/code-points.js';
import { figuresOf, mergedSpansByCode, unionOfSpans, wordsOf } from '../../src/core/figures.js';
import { packCodings } from '../../src/core/span-index.js';
import { mergeSpans, type Span } from '../../src/core/spans.js';
import { mulberry32 as rng } from '../support/random.js';

const code = (id: number, parentId: number | null): Code => ({ id, name: `c${id}`, parentId } as Code);

describe('mergedSpansByCode', () => {
  it('equals merging each subtree’s codings per source by hand, on random projects', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      // A tree: 1 and 2 roots; 3, 4 under 1; 5 under 3; 6 under 2.
      const codes = [code(1, null), code(2, null), code(3, 1), code(4, 1), code(5, 3), code(6, 2)];
      const subtree: Record<number, number[]> = { 1: [1, 3, 4, 5], 2: [2, 6], 3: [3, 5], 4: [4], 5: [5], 6: [6] };
      const sources = 1 + Math.floor(r() * 4);
      const starts: Uint32Array[] = [];
      const rows: number[][][] = [];
      for (let s = 0; s < sources; s++) {
        starts.push(Uint32Array.from({ length: 30 }, (_, k) => k * 7 + Math.floor(r() * 5)));
        rows.push(Array.from({ length: Math.floor(r() * 25) }, () => {
          const start = Math.floor(r() * 200);
          return [1 + Math.floor(r() * 6), 1 + Math.floor(r() * 2), start, start + 1 + Math.floor(r() * 30)];
        }));
      }
      const packed = rows.map((rs, s) => packCodings(rs, starts[s]!));
      const merged = mergedSpansByCode(codes, packed);
      for (const c of codes) {
        for (let s = 0; s < sources; s++) {
          const want = mergeSpans(rows[s]!.filter((x) => subtree[c.id]!.includes(x[0]!)).map(([, , start, end]) => ({ start: start!, end: end! })));
          const got = merged.get(c.id)!.get(s) ?? [];
          expect(got.map(({ start, end }): Span => ({ start, end }))).toEqual(want);
          expect(got.map(wordsOf)).toEqual(want.map((w) => countBelow(starts[s]!, w.end) - countBelow(starts[s]!, w.start)));
          // The words per source the merge keeps equal the words of the source's spans.
          const cs = merged.get(c.id)!;
          const k = cs.indexOf(s);
          expect(cs.totalWords).toBe(cs.wordsBySource.reduce((n, w) => n + w, 0));
          expect(k < 0 ? 0 : cs.wordsBySource[k]).toBe(want.reduce((n, w) => n + countBelow(starts[s]!, w.end) - countBelow(starts[s]!, w.start), 0));
        }
      }
      const union = unionOfSpans([merged.get(4)!, merged.get(6)!]);
      for (let s = 0; s < sources; s++) {
        const want = mergeSpans(rows[s]!.filter((x) => [4, 6].includes(x[0]!)).map(([, , start, end]) => ({ start: start!, end: end! })));
        expect((union.get(s) ?? []).map(({ start, end }) => ({ start, end }))).toEqual(want);
      }
    }
  });

  it('gives figuresOf the same figures from packed spans as from span objects', () => {
    const codes = [code(1, null), code(2, 1)];
    const starts = Uint32Array.from([0, 5, 10, 15, 20, 25]);
    const packed = [packCodings([[1, 1, 0, 8], [2, 2, 6, 12], [2, 1, 20, 22]], starts), new Int32Array(), packCodings([[2, 1, 3, 4]], starts)];
    const sources = [0, 1, 2].map((i) => ({ id: `S${i}`, case: i === 2 ? 'B' : 'A', wave: '1', participantWords: 6, wordStarts: starts }));
    const cs = merged(codes, packed).get(1)!;
    const asObjects = new Map([...cs]);
    expect(figuresOf(cs, sources, 2, 18)).toEqual(figuresOf(asObjects, sources, 2, 18));
    // S0: [0, 12) 3 words, [20, 22) 1 word; S2: [3, 4) no word start inside.
    expect(figuresOf(cs, sources, 2, 18)).toMatchObject({ cases: 2, sources: 2, references: 3, words: 4 });
    // Plain spans (without word indices) are counted from the sources' word index.
    const plain = new Map([[0, [{ start: 0, end: 12 }, { start: 20, end: 22 }]], [2, [{ start: 3, end: 4 }]]]);
    expect(figuresOf(plain, sources, 2, 18)).toEqual(figuresOf(cs, sources, 2, 18));
  });
});

const merged = mergedSpansByCode;

describe('mergedSpansByCode, wide trees', () => {
  it('merges a theme with up to 11 sub-codes (runs merged four at a time) as by hand', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const kids = 1 + Math.floor(r() * 11);
      // 1 is the theme; 2 … kids + 1 its sub-codes; 50 a sub-code of 2.
      const codes = [code(1, null), ...Array.from({ length: kids }, (_, k) => code(k + 2, 1)), code(50, 2)];
      const ids = codes.map((c) => c.id);
      const starts = Uint32Array.from({ length: 60 }, (_, k) => k * 7 + Math.floor(r() * 5));
      const rows = Array.from({ length: Math.floor(r() * 80) }, () => {
        const start = Math.floor(r() * 400);
        return [ids[Math.floor(r() * ids.length)]!, 1 + Math.floor(r() * 2), start, start + 1 + Math.floor(r() * 25)];
      });
      const got = merged(codes, [packCodings(rows, starts)]).get(1)!.get(0) ?? [];
      const want = mergeSpans(rows.map(([, , start, end]) => ({ start: start!, end: end! })));
      expect(got.map(({ start, end }): Span => ({ start, end }))).toEqual(want);
      expect(got.map(wordsOf)).toEqual(want.map((w) => countBelow(starts, w.end) - countBelow(starts, w.start)));
    }
  });
});

describe('mergedSpansByCode, edge cases', () => {
  it('ignores codings of codes outside the tree and skips sources without codings', () => {
    const codes = [code(1, null), code(2, 1)];
    const starts = Uint32Array.from({ length: 20 }, (_, k) => k * 5);
    const packed = [
      packCodings([[2, 1, 0, 10], [99, 1, 5, 50], [1, 1, 8, 12], [2, 2, 12, 20]], starts),
      new Int32Array(),
      packCodings([[99, 1, 0, 5]], starts),
      packCodings([[1, 1, 30, 40], [2, 1, 41, 45]], starts),
    ];
    const merged = mergedSpansByCode(codes, packed);
    const plain = (c: number) => [...merged.get(c)!].map(([s, list]) => [s, list.map(({ start, end }) => [start, end])]);
    expect(plain(1)).toEqual([[0, [[0, 20]]], [3, [[30, 40], [41, 45]]]]);
    expect(plain(2)).toEqual([[0, [[0, 10], [12, 20]]], [3, [[41, 45]]]]);
  });
});

