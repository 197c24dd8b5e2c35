/**
 * The text of a coded passage as quote banks and framework cells print it: the participant
 * talk of a span — labels and interviewer turns cut out — the pieces that hold a word joined
 * by " … ", white space runs as single spaces. Read from the source's UTF-8 bytes, decoding
 * only the pieces quoted (a framework cell only the first words of each).
 */
import { Utf8Cursor, charStart, decodeUtf8 } from './utf8-cursor.js';
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

// A piece holds a word when it holds a letter or digit (a word starts with one).
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Bytes decoded at first when a passage is cut after a number of words (about 40 words). */
const WINDOW = 256;

// White space other than a space, or two spaces: a text without either is flat already.
const UNFLAT = /[^\S ]| {2}/;

/** White space runs as single spaces (trimmed as a whole piece is). */
const flatten = (s: string): string => (UNFLAT.test(s) ? s.replace(/\s+/g, ' ') : s);

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
  private readonly talk: Int32Array | null;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(src: PassageSourceText) {
    this.cursor = new Utf8Cursor(src.bytes);
    this.bytes = this.cursor.bytes;
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
      if (maxWords === undefined) {
        const t = flatten(decodeUtf8(this.bytes, from, to)).trim();
        kept = HAS_WORD.test(t);
        if (kept) texts.push(t);
      } else if (cut !== null) {
        // Cut already: the piece only decides the last line.
        kept = this.hasWord(from, to);
      } else {
        const w = this.windowed(from, to, maxWords - words);
        if (typeof w === 'string') {
          // The piece holds the word the cut comes at: clipWords's text ends before it.
          cut = clipBefore(texts.length === 0 ? flatten(w).trimStart() : `${texts.join(' … ')} … ${flatten(w).trimStart()}`);
          kept = true;
        } else {
          kept = w.words > 0;
          if (kept) {
            texts.push(w.text);
            words += w.words;
          }
        }
      }
      if (!kept) continue;
      if (first < 0) first = line;
      last = lineEnd;
    }
    if (first < 0) {
      // No piece holds a word (words are counted elsewhere): the span's own lines.
      first = c.lineOf(start);
      last = end > 0 ? c.lineBefore(end) : first;
    }
    return { text: cut ?? texts.join(' … '), lineStart: first, lineEnd: last };
  }

  /**
   * The piece of bytes [from, to), decoded in growing windows: the raw text before its word
   * `k` (from 0) as soon as a window holds that word — the text before it is then the whole
   * piece's, since only a window's last word can be cut short — or else the whole piece,
   * flattened, with its number of words.
   */
  private windowed(from: number, to: number, k: number): string | { text: string; words: number } {
    for (let size = WINDOW; ; size *= 4) {
      const whole = from + size >= to;
      const raw = decodeUtf8(this.bytes, from, whole ? to : charStart(this.bytes, from + size));
      const at = wordStartAt(raw, k);
      if (at >= 0) return raw.slice(0, at);
      if (whole) return { text: flatten(raw).trim(), words: -1 - at };
    }
  }

  /** True when bytes [from, to) hold a letter or digit; decoded a window at a time. */
  private hasWord(from: number, to: number): boolean {
    for (let at = from; at < to;) {
      const next = Math.min(to, charStart(this.bytes, at + 64));
      if (HAS_WORD.test(decodeUtf8(this.bytes, at, next))) return true;
      at = next;
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
