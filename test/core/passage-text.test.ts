/**
 * Passages read from UTF-8 bytes (core/passage-text.ts, core/utf8-cursor.ts) against the
 * definition they replace: the text decoded whole, code points mapped to UTF-16, the pieces of
 * participantPieces sliced, flattened and joined, lines from lineStarts, and a cell's text
 * cut by the word regex. Random texts mix what could tell them apart: astral letters and
 * emoji, accents, CJK, tabs, line feeds, runs of spaces, NBSP, apostrophes, hyphens and dashes.
 */
import { describe, expect, it } from 'vitest';
import { CodePointMap, countBelow } from '../../src/core/code-points.js';
import type { StoredTurn } from '../../src/core/model.js';
import { clipWords, PassageReader } from '../../src/core/passage-text.js';
import { participantPieces } from '../../src/core/quotes.js';
import type { Span } from '../../src/core/spans.js';
import { lineStarts, wordRegex, wordStartAt } from '../../src/core/text.js';
import { Utf8Cursor, encodeUtf8 } from '../../src/core/utf8-cursor.js';
import { mulberry32 as rng } from '../support/random.js';

const PARTS = ['word', 'Self-care', 'don’t', "it's", 'a', 'é', 'naïve', '漢字', '𝒳y', '😀', '42', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00a0', ',', '.', '…', '–', '—', '-', ':', ';', "'", '’'];

function randomText(r: () => number, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += PARTS[Math.floor(r() * PARTS.length)]!;
  return s;
}

/** Sorted, disjoint turns over code points [0, length), some interviewer's. */
function randomTurns(r: () => number, length: number): StoredTurn[] {
  const out: StoredTurn[] = [];
  for (let at = Math.floor(r() * 20); at < length;) {
    const start = at;
    const talkStart = Math.min(length, start + Math.floor(r() * 8));
    const talkEnd = Math.min(length, talkStart + Math.floor(r() * 400));
    out.push({ number: out.length + 1, speaker: 'x', role: r() < 0.35 ? 'interviewer' : 'participant', start, talkStart, talkEnd, lineStart: 1, lineEnd: 1, words: 0, startMs: null });
    at = talkEnd + 1 + Math.floor(r() * 10);
  }
  return out;
}

/** Sorted spans, disjoint and not touching (merged spans), over [0, length]. */
function randomSpans(r: () => number, length: number): Span[] {
  const out: Span[] = [];
  for (let at = Math.floor(r() * 50); at < length;) {
    const end = Math.min(length, at + 1 + Math.floor(r() * (r() < 0.2 ? 3000 : 300)));
    out.push({ start: at, end });
    at = end + 1 + Math.floor(r() * 200);
  }
  return out;
}

/** The definition: the text decoded whole (quotes.ts before issue #12). */
function reference(text: string, turns: readonly StoredTurn[], span: Span, maxWords?: number): { text: string; lineStart: number; lineEnd: number } {
  const map = new CodePointMap(text);
  const lines = lineStarts(text).map((u) => map.toCodePoint(u));
  const lineOf = (cp: number): number => countBelow(lines, cp + 1);
  const pieces = participantPieces(span, turns)
    .map((p) => ({ ...p, text: text.slice(map.toUtf16(p.start), map.toUtf16(p.end)).replace(/\s+/g, ' ').trim() }))
    .filter((p) => /[\p{L}\p{N}]/u.test(p.text));
  const first = pieces[0] ?? span;
  const last = pieces[pieces.length - 1] ?? span;
  const joined = pieces.map((p) => p.text).join(' … ');
  return { text: maxWords === undefined ? joined : regexClip(joined, maxWords), lineStart: lineOf(first.start), lineEnd: lineOf(last.end - 1) };
}

/** framework.ts's clipWords before issue #12: the word regex. */
function regexClip(text: string, max: number): string {
  const re = wordRegex();
  let n = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (++n > max) return `${text.slice(0, m.index).trimEnd().replace(/[\s,;:–—-]+$/u, '')} …`;
  }
  return text;
}

const participantTalk = (turns: readonly StoredTurn[]): Int32Array | null =>
  turns.length === 0 ? null : Int32Array.from(turns.filter((t) => t.role === 'participant').flatMap((t) => [t.talkStart, t.talkEnd]));

describe('Utf8Cursor', () => {
  it('gives the byte offset and line of any code point, in any order', () => {
    const r = rng(7);
    for (let round = 0; round < 20; round++) {
      const text = randomText(r, 50 + Math.floor(r() * 3000));
      const map = new CodePointMap(text);
      const bytes = encodeUtf8(text);
      // An unaligned copy too: the cursor must not depend on where the bytes lie.
      const shifted = new Uint8Array(bytes.length + 1).subarray(1);
      shifted.set(bytes);
      const lines = lineStarts(text).map((u) => map.toCodePoint(u));
      for (const b of [bytes, shifted]) {
        const c = new Utf8Cursor(b);
        for (let k = 0; k < 200; k++) {
          const cp = Math.floor(r() * (map.length + 3));
          const upTo = Math.min(cp, map.length);
          expect(c.byteOf(cp)).toBe(encodeUtf8(text.slice(0, map.toUtf16(upTo))).length);
          expect(c.lineOf(cp)).toBe(countBelow(lines, cp + 1));
          if (cp > 0) expect(c.lineBefore(cp)).toBe(countBelow(lines, cp));
        }
      }
    }
  });
});

describe('words and clipping', () => {
  it('wordStartAt finds the regex’s words; clipWords cuts where the regex did', () => {
    const r = rng(11);
    for (let round = 0; round < 300; round++) {
      const text = randomText(r, Math.floor(r() * 120));
      const starts = [...text.matchAll(wordRegex())].map((m) => m.index);
      for (let k = 0; k <= starts.length + 1; k++) expect(wordStartAt(text, k)).toBe(k < starts.length ? starts[k] : -1 - starts.length);
      for (const max of [0, 1, 3, 25]) expect(clipWords(text, max)).toBe(regexClip(text, max));
    }
  });
});

describe('PassageReader', () => {
  it('reads every passage as the whole-text definition does, cut or not, in turns or without', () => {
    const r = rng(3);
    for (let round = 0; round < 40; round++) {
      const text = randomText(r, 500 + Math.floor(r() * 6000));
      const length = new CodePointMap(text).length;
      const turns = round % 4 === 0 ? [] : randomTurns(r, length);
      const spans = randomSpans(r, length);
      const src = { bytes: encodeUtf8(text), talk: participantTalk(turns) };
      for (const maxWords of [undefined, 25, 2, 0]) {
        const reader = new PassageReader(src);
        for (const span of spans) expect(reader.read(span.start, span.end, maxWords)).toEqual(reference(text, turns, span, maxWords));
      }
      // Several codes' passages of one source in turn: the walk goes back and forth.
      const reader = new PassageReader(src);
      for (let pass = 0; pass < 3; pass++) {
        for (const span of spans.filter(() => r() < 0.5)) expect(reader.read(span.start, span.end, 25)).toEqual(reference(text, turns, span, 25));
      }
    }
  });

  it('a span with no participant word keeps its own lines', () => {
    const text = 'Interviewer: Hello?\nP1: ...\nP1: Yes.';
    const turns: StoredTurn[] = [
      { number: 1, speaker: 'Interviewer', role: 'interviewer', start: 0, talkStart: 13, talkEnd: 19, lineStart: 1, lineEnd: 1, words: 1, startMs: null },
      { number: 2, speaker: 'P1', role: 'participant', start: 20, talkStart: 24, talkEnd: 27, lineStart: 2, lineEnd: 2, words: 0, startMs: null },
      { number: 3, speaker: 'P1', role: 'participant', start: 28, talkStart: 32, talkEnd: 36, lineStart: 3, lineEnd: 3, words: 1, startMs: null },
    ];
    const reader = new PassageReader({ bytes: encodeUtf8(text), talk: participantTalk(turns) });
    for (const span of [{ start: 0, end: 27 }, { start: 20, end: 36 }]) expect(reader.read(span.start, span.end)).toEqual(reference(text, turns, span));
  });
});

describe('PassageReader on awkward bytes', () => {
  // More than the random texts above: CRLF, lone CR, form feed and vertical tab, Unicode
  // spaces and line separators, a BOM, controls, words of one letter at piece edges.
  const MORE = [...PARTS, '\r\n', '\r', '\f', '\v', '\u2028', '\u2029', '\u3000', '\u2003', '\u202f', '\ufeff', '\u0001', 'x', '’s', "-'", 'ẞ', '٣', '𝟘'];

  function text(r: () => number, parts: number): string {
    let s = '';
    for (let i = 0; i < parts; i++) s += MORE[Math.floor(r() * MORE.length)]!;
    return s;
  }

  it('reads as the whole-text definition does, cut after any number of words', () => {
    const r = rng(21);
    for (let round = 0; round < 60; round++) {
      const t = text(r, 200 + Math.floor(r() * 3000));
      const length = new CodePointMap(t).length;
      const turns = round % 3 === 0 ? [] : randomTurns(r, length);
      const src = { bytes: encodeUtf8(t), talk: participantTalk(turns) };
      for (const maxWords of [undefined, 25, 5, 1, 0]) {
        const reader = new PassageReader(src);
        for (const span of randomSpans(r, length)) expect(reader.read(span.start, span.end, maxWords)).toEqual(reference(t, turns, span, maxWords));
      }
    }
  });

  it('reads bytes that are not well-formed UTF-8 as a decoder does (U+FFFD)', () => {
    const r = rng(5);
    // Each of these bytes, alone before ASCII, is one code point to the cursor and one U+FFFD to a decoder.
    const bad = [0xff, 0xfe, 0xc0, 0xc3, 0xf5, 0xe2];
    for (let round = 0; round < 60; round++) {
      const parts: number[][] = [];
      for (let i = 0; i < 300; i++) {
        const x = r();
        parts.push(x < 0.08 ? [bad[Math.floor(r() * bad.length)]!, 0x20] : [...encodeUtf8(PARTS[Math.floor(r() * PARTS.length)]!)]);
      }
      const bytes = Uint8Array.from(parts.flat());
      const t = new TextDecoder().decode(bytes);
      const length = new CodePointMap(t).length;
      const turns = round % 3 === 0 ? [] : randomTurns(r, length);
      for (const maxWords of [undefined, 25, 3, 0]) {
        const reader = new PassageReader({ bytes, talk: participantTalk(turns) });
        for (const span of randomSpans(r, length)) expect(reader.read(span.start, span.end, maxWords)).toEqual(reference(t, turns, span, maxWords));
      }
    }
  });
});

describe('Utf8Cursor on a Buffer', () => {
  it('reads a Buffer that does not start at a multiple of four bytes', () => {
    const text = 'héllo\nwörld 😀 again\nand more text here';
    const bytes = encodeUtf8(text);
    const buf = Buffer.from(new ArrayBuffer(bytes.length + 1), 1, bytes.length);
    buf.set(bytes);
    const a = new Utf8Cursor(bytes);
    const b = new Utf8Cursor(buf);
    for (let cp = 0; cp <= 40; cp++) {
      expect(b.byteOf(cp)).toBe(a.byteOf(cp));
      expect(b.lineOf(cp)).toBe(a.lineOf(cp));
    }
  });
});
