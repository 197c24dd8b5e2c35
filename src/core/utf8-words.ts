/**
 * DESIGN.md's words found straight from a text's UTF-8 bytes, as SQLite stores it: where each
 * word starts and ends, in code points. The same words as `wordRegex()` over the decoded text
 * (and text.ts's scanner), without decoding the text into a string first: `report agreement
 * --unit word` needs the words of every transcript in scope, and decoding 1,000 one-hour
 * transcripts costs more than finding their words, and holds them all in memory.
 */
import { ASCII_WORD, LETTER_OR_DIGIT } from './talk-words.js';

/** Where each word starts and ends, in code points (ascending, disjoint). */
export interface WordBounds {
  starts: Uint32Array;
  ends: Uint32Array;
}

// Letters and digits beyond ASCII, decided once per code point of the BMP: 0 not yet asked,
// 1 no, 2 yes. (Astral code points are rare and asked each time.)
const BMP_WORD = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return ASCII_WORD[cp] === 1;
  if (cp < 0x10000) {
    let k = BMP_WORD[cp]!;
    if (k === 0) BMP_WORD[cp] = k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 2 : 1;
    return k === 2;
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/**
 * The words of well-formed UTF-8 `bytes` (check with `isUtf8` first: what a malformed byte
 * decodes to is the decoder's choice, not this scanner's). One pass: ASCII bytes, nearly every
 * byte of an English transcript, are told apart by a table; other code points are decoded.
 */
export function utf8WordBounds(bytes: Uint8Array): WordBounds {
  // About one word per six bytes of English: room for most transcripts at once.
  let starts = new Uint32Array(Math.max(64, bytes.length >>> 2));
  let ends = new Uint32Array(starts.length);
  let n = 0;
  const n8 = bytes.length;
  /** Byte offset, and code points before it. */
  let b = 0;
  let k = 0;
  while (b < n8) {
    // Outside a word: up to the next letter or digit.
    const c = bytes[b]!;
    if (c < 0x80) {
      b++;
      k++;
      if (ASCII_WORD[c] === 0) continue;
    } else {
      const cp = codePointAt(bytes, b);
      b += sequenceLength(c);
      k++;
      if (!isWordCodePoint(cp)) continue;
    }
    if (n === starts.length) {
      starts = grown(starts);
      ends = grown(ends);
    }
    starts[n] = k - 1;
    // Inside a word: letters and digits, and a joiner where one follows it.
    for (;;) {
      while (b < n8) {
        const d = bytes[b]!;
        if (d < 0x80) {
          if (ASCII_WORD[d] === 0) break;
          b++;
        } else {
          if (!isWordCodePoint(codePointAt(bytes, b))) break;
          b += sequenceLength(d);
        }
        k++;
      }
      if (b >= n8) break;
      const j = bytes[b]!;
      const joiner = j === 0x27 || j === 0x2d ? 1 : j === 0xe2 && bytes[b + 1] === 0x80 && bytes[b + 2] === 0x99 ? 3 : 0; // ' - ’
      if (joiner === 0 || b + joiner >= n8) break;
      const next = bytes[b + joiner]!;
      if (!(next < 0x80 ? ASCII_WORD[next] === 1 : isWordCodePoint(codePointAt(bytes, b + joiner)))) break;
      b += joiner;
      k++;
    }
    ends[n++] = k;
  }
  return { starts: starts.slice(0, n), ends: ends.slice(0, n) };
}

/** Bytes in the UTF-8 sequence whose lead byte is `lead` (not ASCII). */
function sequenceLength(lead: number): number {
  return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** The code point whose sequence starts at byte `b` (not ASCII). */
function codePointAt(bytes: Uint8Array, b: number): number {
  const b0 = bytes[b]!;
  if (b0 < 0xe0) return ((b0 & 0x1f) << 6) | (bytes[b + 1]! & 0x3f);
  if (b0 < 0xf0) return ((b0 & 0x0f) << 12) | ((bytes[b + 1]! & 0x3f) << 6) | (bytes[b + 2]! & 0x3f);
  return ((b0 & 0x07) << 18) | ((bytes[b + 1]! & 0x3f) << 12) | ((bytes[b + 2]! & 0x3f) << 6) | (bytes[b + 3]! & 0x3f);
}

function grown(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
