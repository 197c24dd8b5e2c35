import { describe, expect, it } from 'vitest';
import {
  addCounts, agreementFigures, binaryAlpha, charUnits, codedRanges, countCodedCharsPacked, countCodedCharsPacked2, countCodedUnits, spansGrid, turnUnits, unitCount, wordUnits,
  type UnitGrid,
} from '../../src/core/agreement.js';
import { cohenKappa, krippendorffAlpha } from '../../src/core/stats/index.js';
import { wordEnd } from '../../src/core/talk-words.js';
import { forEachWordStart, wordRegex } from '../../src/core/text.js';
import type { Span } from '../../src/core/spans.js';
import { expectNoNaN } from './stats/finite.js';

const span = (start: number, end: number): Span => ({ start, end });

/** The oracle: one flag per unit and coder, the definition read literally. */
function naive(grid: UnitGrid, coders: Span[][]): { codedBy: number[]; perCoder: number[] } {
  const n = unitCount(grid);
  const unitSpan = (i: number): Span => (grid.kind === 'char' ? span(i, i + 1) : span(grid.starts[i]!, grid.end(i)));
  const codedBy = new Array<number>(coders.length + 1).fill(0);
  const perCoder = coders.map(() => 0);
  for (let i = 0; i < n; i++) {
    const u = unitSpan(i);
    let k = 0;
    coders.forEach((spans, c) => {
      if (spans.some((s) => s.start < u.end && u.start < s.end)) {
        k++;
        perCoder[c]!++;
      }
    });
    codedBy[k]!++;
  }
  return { codedBy, perCoder };
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomSpans(r: () => number, length: number): Span[] {
  return Array.from({ length: Math.floor(r() * 6) }, () => {
    const a = Math.floor(r() * length);
    return span(a, Math.min(length, a + 1 + Math.floor(r() * length * 0.3)));
  });
}

describe('char units (NVivo coding comparison)', () => {
  it('counts both / only A / only B / neither by sweeping span boundaries', () => {
    // A: [0,10) [20,30); B: [5,25) over 40 characters.
    const c = countCodedUnits(charUnits(40), [[span(0, 10), span(20, 30)], [span(5, 25)]]);
    expect(c).toEqual({ units: 40, codedBy: [10, 20, 10], perCoder: [20, 20] });
    expect(agreementFigures(c)).toMatchObject({ both: 10, onlyA: 10, onlyB: 10, neither: 10, agreementPct: 50 });
  });

  it("NVivo's example: 1,000 characters, 50 coded by both, 150 by one only, 800 by neither → 85%", () => {
    // NVivo help, "Run a Coding Comparison query": (800 + 50) ÷ 1000 = 85%.
    const c = countCodedUnits(charUnits(1000), [[span(100, 300)], [span(250, 300)]]);
    const f = agreementFigures(c);
    expect(f).toMatchObject({ units: 1000, both: 50, onlyA: 150, onlyB: 0, neither: 800 });
    expect(f.agreementPct).toBeCloseTo(85, 12);
    expect(f.kappa).toBeCloseTo(cohenKappa([[50, 150], [0, 800]]).value!, 12);
    expect(f.kappa).toBeCloseTo(0.3478260869565217, 12); // (0.85 − 0.77)/(1 − 0.77) = 8/23
  });

  it('overlapping codings of one coder count once; spans beyond the text are clipped', () => {
    const c = countCodedUnits(charUnits(10), [[span(0, 4), span(2, 6), span(8, 15)], [span(0, 10)]]);
    expect(c).toEqual({ units: 10, codedBy: [0, 2, 8], perCoder: [8, 10] });
  });

  it('agrees with the per-character oracle on random spans (2 and 3 coders)', () => {
    const r = rng(7);
    for (let t = 0; t < 300; t++) {
      const length = 1 + Math.floor(r() * 60);
      const coders = Array.from({ length: t % 2 === 0 ? 2 : 3 }, () => randomSpans(r, length));
      const got = countCodedUnits(charUnits(length), coders);
      expect({ codedBy: got.codedBy, perCoder: got.perCoder }).toEqual(naive(charUnits(length), coders));
    }
  });
});

describe('word units', () => {
  const text = "Interviewer: And self-care?\nParticipant: I don't get any – 😀 self‑care, never.";

  it('are the words of the whole text, labels and interviewer talk included, in code points', () => {
    const grid = wordUnits(text);
    const words = [...text.matchAll(wordRegex())].map((m) => m[0]);
    expect(unitCount(grid)).toBe(words.length);
    const cps = [...text];
    if (grid.kind !== 'spans') throw new Error('expected spans');
    const got = Array.from(grid.starts, (s, i) => cps.slice(s, grid.end(i)).join(''));
    expect(got).toEqual(words);
    expect(got).toContain('self-care');
    expect(got).toContain("don't");
  });

  it('a word counts as coded when any of its characters is inside a coding', () => {
    const grid = wordUnits('one two three four');
    // A codes "ne t" (one, two); B codes "four" exactly, and the space before "three".
    const c = countCodedUnits(grid, [[span(1, 5)], [span(7, 8), span(14, 18)]]);
    expect(c).toEqual({ units: 4, codedBy: [1, 3, 0], perCoder: [2, 1] });
    expect(codedRanges(grid, [span(7, 8)])).toEqual([]);
  });

  it('agree with an oracle built from the word regex, on random text and spans', () => {
    const r = rng(13);
    const alphabet = ['a', 'b', ' ', ' ', '-', "'", '😀', 'é', '\n'];
    for (let t = 0; t < 200; t++) {
      const s = Array.from({ length: 5 + Math.floor(r() * 40) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
      const cp = (utf16: number): number => [...s.slice(0, utf16)].length;
      const words = [...s.matchAll(wordRegex())].map((m) => span(cp(m.index), cp(m.index + m[0].length)));
      const oracle = spansGrid(Uint32Array.from(words, (w) => w.start), Uint32Array.from(words, (w) => w.end));
      const coders = [randomSpans(r, [...s].length), randomSpans(r, [...s].length)];
      expect(countCodedUnits(wordUnits(s), coders)).toEqual(countCodedUnits(oracle, coders));
      const got = countCodedUnits(wordUnits(s), coders);
      expect({ codedBy: got.codedBy, perCoder: got.perCoder }).toEqual(naive(oracle, coders));
    }
  });

  it('wordEnd finds the ends the word regex finds, on random text', () => {
    const r = rng(3);
    const alphabet = ['a', 'Z', '7', 'é', '\u{1D400}', '😀', ' ', '-', "'", '’', '.', '\n', 'ß', '٣'];
    for (let t = 0; t < 300; t++) {
      const s = Array.from({ length: Math.floor(r() * 30) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
      const ours: [number, number][] = [];
      forEachWordStart(s, (i) => ours.push([i, wordEnd(s, i)]));
      expect(ours).toEqual([...s.matchAll(wordRegex())].map((m) => [m.index, m.index + m[0].length]));
    }
  });
});

describe('turn units', () => {
  it('run from the label to the end of the talk; the header and blank lines are no units', () => {
    const turns = [{ start: 10, talkEnd: 30 }, { start: 32, talkEnd: 50 }];
    const grid = turnUnits('x'.repeat(50), turns);
    // A codes inside turn 1; B codes from the end of turn 1 (a gap) into turn 2's label.
    const c = countCodedUnits(grid, [[span(12, 14)], [span(30, 33)]]);
    expect(c).toEqual({ units: 2, codedBy: [0, 2, 0], perCoder: [1, 1] });
    expect(countCodedUnits(grid, [[span(0, 10)], [span(30, 32)]]).codedBy).toEqual([2, 0, 0]);
  });

  it('a source without turns has its non-blank lines as units', () => {
    const text = 'first line\n\n   \nsecond 😀 line\nthird';
    const grid = turnUnits(text, []);
    if (grid.kind !== 'spans') throw new Error('expected spans');
    expect(Array.from(grid.starts)).toEqual([0, 16, 30]);
    expect(Array.from(grid.starts, (_, i) => grid.end(i))).toEqual([10, 29, 35]);
  });

  it('agree with the per-unit oracle on random spans', () => {
    const r = rng(11);
    for (let t = 0; t < 200; t++) {
      const bounds = [...new Set(Array.from({ length: 8 }, () => Math.floor(r() * 100)))].sort((a, b) => a - b);
      const units: Span[] = [];
      for (let i = 0; i + 1 < bounds.length; i += 2) units.push(span(bounds[i]!, bounds[i + 1]!));
      const grid: UnitGrid = spansGrid(Uint32Array.from(units, (u) => u.start), Uint32Array.from(units, (u) => u.end));
      const coders = Array.from({ length: 2 + (t % 2) }, () => randomSpans(r, 100));
      const got = countCodedUnits(grid, coders);
      expect({ codedBy: got.codedBy, perCoder: got.perCoder }).toEqual(naive(grid, coders));
    }
  });
});

describe("Krippendorff's alpha from the histogram of coders per unit", () => {
  /** The units as reliability data: 1 where the coder coded the unit, else 0. */
  function expand(codedBy: number[], perCoderPattern: (k: number, c: number) => number): (number | null)[][] {
    const c = codedBy.length - 1;
    const rows: number[][] = Array.from({ length: c }, () => []);
    codedBy.forEach((h, k) => {
      for (let u = 0; u < h; u++) for (let i = 0; i < c; i++) rows[i]!.push(perCoderPattern(k, i) ? 1 : 0);
    });
    return rows;
  }
  const alphaOf = (values: (number | null)[][]) =>
    krippendorffAlpha({ coders: values.map((_, i) => `c${i}`), units: values[0]!.map((_, u) => `u${u}`), values }, 'nominal').value;

  it('three coders: equals krippendorffAlpha on the expanded unit data', () => {
    const r = rng(5);
    for (let t = 0; t < 50; t++) {
      const c = 3 + (t % 3);
      const codedBy = Array.from({ length: c + 1 }, () => Math.floor(r() * 8));
      if (codedBy.every((h, k) => h === 0 || k === 0) || codedBy.every((h, k) => h === 0 || k === c)) continue;
      // Which coders coded a unit does not matter to alpha: the first k do.
      const expected = alphaOf(expand(codedBy, (k, i) => (i < k ? 1 : 0)));
      expect(binaryAlpha(codedBy).value).toBeCloseTo(expected!, 12);
    }
  });

  it('three coders over real spans: the report alpha equals krippendorffAlpha on per-character data', () => {
    const length = 30;
    const coders = [[span(0, 10), span(20, 25)], [span(5, 12)], [span(0, 3), span(8, 30)]];
    const values = coders.map((spans) => Array.from({ length }, (_, i) => (spans.some((s) => s.start <= i && i < s.end) ? 1 : 0)));
    const f = agreementFigures(countCodedUnits(charUnits(length), coders));
    expect(f.alpha).toBeCloseTo(alphaOf(values)!, 12);
    expect(f).toMatchObject({ both: null, onlyA: null, onlyB: null, neither: null, kappa: null, kappaReason: 'kappa and the 2×2 table are for two coders' });
    // Unanimous units: none coded (0), or all coded ([8,10)): 2 of 30.
    expect(f.agreementPct).toBeCloseTo((2 / 30) * 100, 12);
  });

  it('two coders: the closed form is the 2×2 alpha of agreement2x2 (Krippendorff 2011 example A: 2/21)', () => {
    // A: 0 1 0 0 0 0 0 0 1 0 / B: 1 1 1 0 0 1 0 0 0 0 → both 1, only A 1, only B 3, neither 5.
    expect(binaryAlpha([5, 4, 1]).value).toBeCloseTo(2 / 21, 12);
    const counts = countCodedUnits(charUnits(10), [[span(1, 2), span(8, 9)], [span(0, 3), span(5, 6)]]);
    expect(counts.codedBy).toEqual([5, 4, 1]);
    expect(agreementFigures(counts).alpha).toBeCloseTo(2 / 21, 12);
  });
});

describe('degenerate tables give null with a reason, never NaN', () => {
  it('every unit coded by both: kappa and alpha undefined, agreement 100%', () => {
    const f = agreementFigures(countCodedUnits(charUnits(5), [[span(0, 5)], [span(0, 5)]]));
    expect(f).toMatchObject({ agreementPct: 100, kappa: null, alpha: null });
    expect(f.kappaReason).toMatch(/chance agreement is 1/);
    expect(f.alphaReason).toMatch(/no variation/);
    expectNoNaN(f);
  });

  it('only one coder coded: kappa 0, not null', () => {
    const f = agreementFigures(countCodedUnits(charUnits(100), [[span(0, 5)], []]));
    expect(f.kappa).toBe(0);
    expect(f.kappaReason).toBeUndefined();
    expect(f.alpha).toBeCloseTo(-4 / 195, 12);
  });

  it('no units, a single unit, and more coders than values', () => {
    const none = agreementFigures(countCodedUnits(charUnits(0), [[], []]));
    expect(none).toMatchObject({ units: 0, agreementPct: null, kappa: null, alpha: null });
    expect(none.agreementReason).toBeDefined();
    expectNoNaN(none);
    const one = agreementFigures(countCodedUnits(wordUnits('word'), [[span(0, 1)], []]));
    expect(one).toMatchObject({ units: 1, both: 0, onlyA: 1, onlyB: 0, neither: 0, agreementPct: 0, kappa: 0 });
    // n = 2, n_0 = n_1 = 1, o_01 = 1: α = 1 − 1·1/1 = 0.
    expect(one.alpha).toBe(0);
    expectNoNaN(one);
    const oneBoth = agreementFigures(countCodedUnits(wordUnits('word'), [[span(0, 1)], [span(3, 4)]]));
    expect(oneBoth).toMatchObject({ units: 1, both: 1, agreementPct: 100, kappa: null, alpha: null });
    expect(oneBoth.kappaReason).toMatch(/both coders coded every unit/);
    const three = agreementFigures(countCodedUnits(charUnits(4), [[], [], []]));
    expect(three).toMatchObject({ agreementPct: 100, alpha: null });
    expect(three.alphaReason).toMatch(/no coder coded any unit/);
    expect(() => binaryAlpha([3, 1])).toThrow(RangeError);
  });

  it('pooling sums the tables before computing', () => {
    const a = countCodedUnits(charUnits(10), [[span(0, 10)], [span(0, 10)]]);
    const b = countCodedUnits(charUnits(10), [[], []]);
    expect(agreementFigures(a).kappa).toBeNull();
    expect(agreementFigures(b).kappa).toBeNull();
    const pooled = agreementFigures(addCounts(a, b));
    expect(pooled).toMatchObject({ units: 20, both: 10, neither: 10, agreementPct: 100, kappa: 1, alpha: 1 });
  });
});

describe('countCodedCharsPacked: character units off packed codings', () => {
  it('counts as countCodedUnits does, for 2 and 3 coders, with overlaps, touching spans, spans past the end and other coders skipped', () => {
    let a = 99;
    const rnd = (max: number) => Math.floor(((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296) * max);
    const fields = { start: 1, end: 2, coder: 0, size: 3 };
    for (let trial = 0; trial < 300; trial++) {
      const coders = 2 + (trial % 2);
      const length = 20 + rnd(200);
      // [coder id, start, end], coder id 9 belongs to no compared coder; sorted by start, end.
      const rows = Array.from({ length: rnd(12) }, () => {
        const start = rnd(length + 10);
        return [rnd(4) === 0 ? 9 : rnd(coders), start, start + rnd(40)];
      }).sort((x, y) => x[1]! - y[1]! || x[2]! - y[2]!);
      const packed = Int32Array.from([0, 0, 0, ...rows.flat(), 0, 0, 0]); // a foreign coding each side
      const spans: Span[][] = Array.from({ length: coders }, () => []);
      for (const [c, s, e] of rows) if (c !== 9) spans[c!]!.push(span(s!, e!));
      const got = countCodedCharsPacked(length, packed, 3, 3 + rows.length * 3, fields, (id) => (id === 9 ? -1 : id), coders);
      expect(got).toEqual(countCodedUnits(charUnits(length), spans));
    }
  });
});

describe('countCodedCharsPacked2: two coders without sorting events', () => {
  it('counts as countCodedUnits does, with overlaps, touching and nested spans, spans past the end, long lists and other coders skipped', () => {
    let a = 7;
    const rnd = (max: number) => Math.floor(((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296) * max);
    const fields = { start: 1, end: 2, coder: 0, size: 3 };
    for (let trial = 0; trial < 400; trial++) {
      const length = 20 + rnd(trial % 10 === 0 ? 5000 : 200);
      // [coder id, start, end], coder id 9 belongs to neither; sorted by start, end (then coder).
      const rows = Array.from({ length: rnd(trial % 10 === 0 ? 600 : 14) }, () => {
        const start = rnd(length + 10) - 3;
        return [rnd(4) === 0 ? 9 : rnd(2), start, start + rnd(trial % 3 === 0 ? 3 : 60)];
      }).sort((x, y) => x[1]! - y[1]! || x[2]! - y[2]! || x[0]! - y[0]!);
      const packed = Int32Array.from([0, 0, 0, ...rows.flat(), 0, 0, 0]);
      const spans: Span[][] = [[], []];
      for (const [c, s, e] of rows) if (c !== 9) spans[c!]!.push(span(s!, e!));
      const got = countCodedCharsPacked2(length, packed, 3, 3 + rows.length * 3, fields, (id) => (id === 9 ? -1 : id));
      expect(got).toEqual(countCodedUnits(charUnits(length), spans));
      expect(got).toEqual(countCodedCharsPacked(length, packed, 3, 3 + rows.length * 3, fields, (id) => (id === 9 ? -1 : id), 2));
    }
  });
});
