/**
 * The text of a coded passage as quote banks and framework cells print it: the participant
 * talk of a span — labels and interviewer turns cut out — the pieces that hold a word joined
 * by " … ", white space runs as single spaces. Read from the source's UTF-8 bytes, decoding
 * only the pieces quoted (a framework cell only the first words of each).
 */
import { Utf8Cursor, charStart, codePointAt, decodeUtf8, decodeWellFormed } from './utf8-cursor.js';
import { ASCII_WORD, LETTER_OR_DIGIT } from './talk-words.js';
import { wordStartAt } from './text.js';

export interface PassageSourceText {
  /** The normalised text as UTF-8. */
  bytes: Uint8Array;
  /**
   * The talk of the participant turns as [talkStart, talkEnd) pairs of code points, in text
   * order; null for a source without turns (all of its text is participant talk).
   */
  talk: Int32Array | null;
}

export interface PassageText {
  text: string;
  /** Lines (from 1) of the first and last character quoted. */
  lineStart: number;
  lineEnd: number;
}

// What the regexes say of each code point below 0x10000, found once: bit 0 known, bit 1 a
// letter or digit, bit 2 white space (\s). Astral code points are asked each time (no white
// space is astral).
const BMP = new Uint8Array(0x10000);
const SPACE = /\s/;

function bmpClass(cp: number): number {
  let x = BMP[cp]!;
  if (x === 0) {
    const ch = String.fromCharCode(cp);
    x = 1 | (LETTER_OR_DIGIT.test(ch) ? 2 : 0) | (SPACE.test(ch) ? 4 : 0);
    BMP[cp] = x;
  }
  return x;
}

// What scan makes of a byte: an ASCII letter or digit, space, other white space, other ASCII,
// or the lead (or continuation) byte of a longer character.
const OTHER = 0;
const LETTER = 1;
const SPACE_BYTE = 2;
const BREAK = 3;
const HIGH = 4;
const BYTE_KIND = new Uint8Array(256);
for (let x = 0; x < 256; x++) BYTE_KIND[x] = x >= 0x80 ? HIGH : ASCII_WORD[x] === 1 ? LETTER : x === 0x20 ? SPACE_BYTE : x >= 9 && x <= 13 ? BREAK : OTHER;

/** True when a well-formed character that is a letter or digit starts at byte `at` (before `to`). */
function isWordAt(b: Uint8Array, at: number, to: number): boolean {
  const cp = codePointAt(b, at, to);
  return cp >= 0 && isWordChar(cp);
}

/** True for a letter or digit: a character of a word (text.ts's word scanner). */
export function isWordChar(cp: number): boolean {
  if (cp < 0x80) return ASCII_WORD[cp] === 1;
  if (cp >= 0x10000) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  return (bmpClass(cp) & 2) !== 0;
}

/** True for white space other than ASCII's space (\s). */
function isSpace(cp: number): boolean {
  if (cp < 0x80) return cp >= 9 && cp <= 13;
  return cp < 0x10000 && (bmpClass(cp) & 4) !== 0;
}

/**
 * White space runs as single spaces, as `s.replace(/\s+/g, ' ')`, but replacing only the runs
 * that are not a single space already (a passage's hundred spaces each made a replacement).
 */
export const flatten = (s: string): string => s.replace(/[^\S ]\s*| \s+/g, ' ');

/** The text cut after its `max`-th word, marked " …" when something was cut. */
export function clipWords(text: string, max: number): string {
  const at = wordStartAt(text, max);
  return at < 0 ? text : clipBefore(text.slice(0, at));
}

const TRAILING = /[\s,;:–—-]/u;

/** The text before a cut, less trailing white space and punctuation that would dangle, marked " …". */
function clipBefore(text: string): string {
  let end = text.length;
  // All of these are single UTF-16 units.
  while (end > 0 && TRAILING.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)} …`;
}

/**
 * Reads the passages of one source, in ascending order of position (a passage before the
 * last one read restarts the walk over the bytes).
 */
export class PassageReader {
  private readonly cursor: Utf8Cursor;
  private readonly bytes: Uint8Array;
  /** The bytes as a Buffer (no copy), to decode from. */
  private readonly view: Buffer;
  private readonly talk: Int32Array | null;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(src: PassageSourceText) {
    this.cursor = new Utf8Cursor(src.bytes);
    this.bytes = this.cursor.bytes;
    this.view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.talk = src.talk;
  }

  /**
   * The passage of span [start, end): with `maxWords`, its text cut after that many words as
   * clipWords(fullText, maxWords) would, decoding only what the cut keeps (the lines are
   * those of the whole passage either way).
   */
  read(start: number, end: number, maxWords?: number): PassageText {
    const n = this.pieces(start, end);
    const c = this.cursor;
    const texts: string[] = [];
    let words = 0;
    let cut: string | null = null;
    let first = -1;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const from = c.byteOf(this.starts[k]!);
      const line = c.lineOf(this.starts[k]!);
      const to = c.byteOf(this.ends[k]!);
      const lineEnd = c.lineBefore(this.ends[k]!);
      let kept: boolean;
      if (!this.scan(from, to, maxWords === undefined ? -1 : maxWords - words)) {
        // Bytes that are not well-formed UTF-8: decoded as TextDecoder does, then read as text.
        const w = this.slowPiece(from, to, maxWords === undefined ? undefined : maxWords - words);
        if (typeof w === 'string') {
          cut = clipBefore(texts.length === 0 ? flatten(w).trimStart() : `${texts.join(' … ')} … ${flatten(w).trimStart()}`);
          kept = true;
        } else {
          kept = w.words > 0;
          if (kept) {
            texts.push(w.text);
            words += w.words;
          }
        }
      } else if (this.found >= 0) {
        // The piece holds the word the cut comes at: clipWords's text ends before it.
        const raw = this.decode(from, this.found);
        const w = this.unflat ? flatten(raw).trimStart() : raw.trimStart();
        cut = clipBefore(texts.length === 0 ? w : `${texts.join(' … ')} … ${w}`);
        kept = true;
      } else {
        kept = this.count > 0;
        if (kept) {
          const raw = this.decode(from, to);
          texts.push(this.unflat ? flatten(raw).trim() : raw.trim());
          words += this.count;
        }
      }
      if (!kept) continue;
      if (first < 0) first = line;
      last = lineEnd;
      if (cut !== null) {
        // Cut: the pieces left only decide the last line, that of the last of them with a
        // word. Sought from the last piece back, the cursor walks over those between once.
        for (let j = n - 1; j > k; j--) {
          if (this.hasWord(c.byteOf(this.starts[j]!), c.byteOf(this.ends[j]!))) {
            last = c.lineBefore(this.ends[j]!);
            break;
          }
        }
        break;
      }
    }
    if (first < 0) {
      // No piece holds a word (words are counted elsewhere): the span's own lines.
      first = c.lineOf(start);
      last = end > 0 ? c.lineBefore(end) : first;
    }
    return { text: cut ?? texts.join(' … '), lineStart: first, lineEnd: last };
  }

  // What scan found: the byte at which word k starts (-1: none), the words before the end
  // otherwise, and whether the bytes before either are all ASCII and may need flattening.
  private found = -1;
  private count = 0;
  private ascii = true;
  private unflat = false;

  /**
   * One forward pass over the code points of bytes [from, to), as wordStartAt walks the
   * decoded text: stops at the start of word `k` (from 0; never with k < 0), else counts the
   * words. On the way, notes whether the bytes passed are ASCII (decoded as Latin-1, which is
   * exact for them) and whether flatten would change their text (white space other than a
   * space, or two spaces). False for bytes that are not well-formed UTF-8 (nothing noted).
   */
  private scan(from: number, to: number, k: number): boolean {
    const b = this.bytes;
    let i = from;
    let seen = 0;
    let ascii = true;
    let unflat = false;
    this.found = -1;
    while (i < to) {
      const kind = BYTE_KIND[b[i]!]!;
      let size = 1;
      if (kind === LETTER) {
        // A word starts here (below).
      } else if (kind === SPACE_BYTE) {
        if (i + 1 < to && b[i + 1] === 0x20) unflat = true;
        i++;
        continue;
      } else if (kind === OTHER) {
        i++;
        continue;
      } else if (kind === BREAK) {
        unflat = true;
        i++;
        continue;
      } else {
        const cp = codePointAt(b, i, to);
        if (cp < 0) return false;
        ascii = false;
        size = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (!isWordChar(cp)) {
          if (isSpace(cp)) unflat = true;
          i += size;
          continue;
        }
      }
      // A word starts at i.
      if (seen === k) {
        this.found = i;
        break;
      }
      seen++;
      i += size;
      // To its end: word characters, and a joiner (' ’ -) followed by one.
      for (;;) {
        for (;;) {
          while (i < to && BYTE_KIND[b[i]!] === LETTER) i++;
          if (i >= to || b[i]! < 0x80) break;
          const cp = codePointAt(b, i, to);
          // Not well-formed: left for the outer loop to give up at.
          if (cp < 0 || !isWordChar(cp)) break;
          ascii = false;
          i += cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        let j: number;
        const y = b[i];
        if (y === 0x27 || y === 0x2d) j = i + 1;
        else if (y === 0xe2 && i + 2 < to && b[i + 1] === 0x80 && b[i + 2] === 0x99) j = i + 3;
        else break;
        if (j >= to) break;
        const z = b[j]!;
        if (z < 0x80 ? BYTE_KIND[z] !== LETTER : !isWordAt(b, j, to)) break;
        if (j - i > 1) ascii = false;
        i = j;
      }
    }
    this.count = seen;
    this.ascii = ascii;
    this.unflat = unflat;
    return true;
  }

  /** The text of bytes [from, to), from a scan that passed them. */
  private decode(from: number, to: number): string {
    return decodeWellFormed(this.view, from, to, this.ascii);
  }

  /**
   * A piece of bytes that are not well-formed UTF-8, decoded whole: the raw text before its
   * word `k` (from 0) when it has one, or else the whole piece, flattened, with its number of words.
   */
  private slowPiece(from: number, to: number, k: number | undefined): string | { text: string; words: number } {
    const raw = decodeUtf8(this.bytes, from, to);
    if (k === undefined) {
      const t = flatten(raw).trim();
      return { text: t, words: LETTER_OR_DIGIT.test(t) ? 1 : 0 };
    }
    const at = wordStartAt(raw, k);
    if (at >= 0) return raw.slice(0, at);
    return { text: flatten(raw).trim(), words: -1 - at };
  }

  /** True when bytes [from, to) hold a letter or digit. */
  private hasWord(from: number, to: number): boolean {
    const b = this.bytes;
    for (let i = from; i < to; i++) {
      const x = b[i]!;
      if (x < 0x80) {
        if (ASCII_WORD[x] === 1) return true;
        continue;
      }
      if ((x & 0xc0) === 0x80) continue;
      const cp = codePointAt(b, i, to);
      // Not well-formed: decoded as TextDecoder does.
      if (cp < 0) return LETTER_OR_DIGIT.test(decodeUtf8(b, charStart(b, i), to));
      if (isWordChar(cp)) return true;
    }
    return false;
  }

  /**
   * The span cut to the talk of participant turns, into starts/ends; the number of pieces.
   * The whole span in a source without turns.
   */
  private pieces(start: number, end: number): number {
    const talk = this.talk;
    if (talk === null) {
      this.starts[0] = start;
      this.ends[0] = end;
      return 1;
    }
    // Talk ends ascend: skip the turns ending at or before the span.
    const turns = talk.length >>> 1;
    let lo = 0;
    let hi = turns;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (talk[2 * mid + 1]! <= start) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let k = lo; k < turns && talk[2 * k]! < end; k++) {
      const s = Math.max(start, talk[2 * k]!);
      const e = Math.min(end, talk[2 * k + 1]!);
      if (e > s) {
        this.starts[n] = s;
        this.ends[n] = e;
        n++;
      }
    }
    return n;
  }
}
