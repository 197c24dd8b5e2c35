/**
 * DESIGN.md's words found straight from a text's UTF-8 bytes, as SQLite stores it: where each
 * word starts and ends, in code points. The same words as `wordRegex()` over the decoded text
 * (and text.ts's scanner), without decoding the text into a string first: `report agreement
 * --unit word` needs the words of every transcript in scope, and decoding 1,000 one-hour
 * transcripts costs more than finding their words, and holds them all in memory.
 */
import { isWordChar } from './passage-text.js';
import { ASCII_WORD } from './talk-words.js';
import { Uint32List } from './uint32-list.js';
import { codePointAt } from './utf8-cursor.js';

/** Where each word starts and ends, in code points (ascending, disjoint). */
export interface WordBounds {
  starts: Uint32Array;
  ends: Uint32Array;
}

/**
 * The words of well-formed UTF-8 `bytes` (check with `isUtf8` first: what a malformed byte
 * decodes to is the decoder's choice, not this scanner's). One pass: ASCII bytes, nearly every
 * byte of an English transcript, are told apart by a table; other code points are decoded.
 */
export function utf8WordBounds(bytes: Uint8Array): WordBounds {
  // About one word per six bytes of English: room for most transcripts at once.
  const starts = new Uint32List(bytes.length >>> 2);
  const ends = new Uint32List(bytes.length >>> 2);
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
      const cp = codePointAt(bytes, b, n8);
      b += sequenceLength(c);
      k++;
      if (!isWordChar(cp)) continue;
    }
    starts.push(k - 1);
    // Inside a word: letters and digits, and a joiner where one follows it.
    for (;;) {
      while (b < n8) {
        const d = bytes[b]!;
        if (d < 0x80) {
          if (ASCII_WORD[d] === 0) break;
          b++;
        } else {
          if (!isWordChar(codePointAt(bytes, b, n8))) break;
          b += sequenceLength(d);
        }
        k++;
      }
      if (b >= n8) break;
      const j = bytes[b]!;
      const joiner = j === 0x27 || j === 0x2d ? 1 : j === 0xe2 && bytes[b + 1] === 0x80 && bytes[b + 2] === 0x99 ? 3 : 0; // ' - ’
      if (joiner === 0 || b + joiner >= n8) break;
      const next = bytes[b + joiner]!;
      if (!(next < 0x80 ? ASCII_WORD[next] === 1 : isWordChar(codePointAt(bytes, b + joiner, n8)))) break;
      b += joiner;
      k++;
    }
    ends.push(k);
  }
  return { starts: starts.done(), ends: ends.done() };
}

/** Bytes in the UTF-8 sequence whose lead byte is `lead` (not ASCII). */
function sequenceLength(lead: number): number {
  return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
