/**
 * Text rules of DESIGN.md: normalised text and words.
 */
import { wordCharLength, wordEnd } from './talk-words.js';

/** A word (DESIGN.md): letters and digits, joined by an apostrophe or hyphen. */
export const WORD_PATTERN = "[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*";

/** A fresh global regex for words; callers own its `lastIndex`. */
export function wordRegex(): RegExp {
  return new RegExp(WORD_PATTERN, 'gu');
}

/** Line ends to LF (CRLF and lone CR alike). */
export function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Unicode NFC and LF line ends: the last steps of every reader. */
export function normaliseText(text: string): string {
  return normaliseLineEnds(text).normalize('NFC');
}

/** Number of words in a string. */
export function countWords(text: string): number {
  let n = 0;
  forEachWordStart(text, () => n++);
  return n;
}

/** UTF-16 offsets at which each line starts (line 1 starts at 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/**
 * Calls `onWord` with the UTF-16 offset of every word of `text`, in order. The same words
 * as `wordRegex()`, found about three times faster (ingest spends most of its time here).
 */
export function forEachWordStart(text: string, onWord: (utf16: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let w = wordCharLength(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    onWord(i);
    i += w;
    for (;;) {
      while (i < n && (w = wordCharLength(text, i)) > 0) i += w;
      const c = text.charCodeAt(i);
      if (i + 1 < n && (c === 0x27 || c === 0x2019 || c === 0x2d) && wordCharLength(text, i + 1) > 0) {
        i += 1;
        continue;
      }
      break;
    }
  }
}


/**
 * The UTF-16 offset at which word `k` (from 0) of `text` starts — the words of
 * forEachWordStart, scanning no further than that word — or, when the text has only
 * `n` ≤ k words, −1 − n.
 */
export function wordStartAt(text: string, k: number): number {
  const n = text.length;
  let seen = 0;
  for (let i = 0; i < n;) {
    if (wordCharLength(text, i) === 0) {
      i++;
      continue;
    }
    if (seen++ === k) return i;
    i = wordEnd(text, i);
  }
  return -1 - seen;
}

/** A one-line excerpt of at most `max` code points, with … when cut (for messages). */
export function excerpt(text: string, max = 60): string {
  const flat = [...text.replace(/\s+/g, ' ').trim()];
  return flat.length <= max ? flat.join('') : `${flat.slice(0, max - 1).join('').trimEnd()}…`;
}
