/**
 * Reading a stored text by code-point position straight from its UTF-8 bytes (issue #12):
 * reports that quote passages need a few hundred characters here and there of each
 * transcript, and decoding every transcript into a JavaScript string costs more than
 * reading it. A code point starts at every byte that is not a continuation byte
 * (10xxxxxx); a line feed is the byte 0x0A.
 */
import { isUtf8 } from 'node:buffer';

/**
 * A cursor over UTF-8 bytes: the byte offset and line of code-point positions. It walks the
 * bytes forward (four at a time where they can be skipped whole) and leaves a checkpoint
 * every 64 bytes, so that a position anywhere costs at most that much walking once the
 * bytes up to it have been walked: many ascending runs of positions (a framework matrix
 * reads each code's passages of a source in turn) cost about one pass.
 */
export class Utf8Cursor {
  readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  /** Byte offset, code points and line feeds before it. */
  private b = 0;
  private cp = 0;
  private nl = 0;
  /**
   * Checkpoints (ascending), three numbers each: byte offset, code points and line feeds
   * before it; room for one every 64 bytes, made at once (no array growing as they are left).
   */
  private readonly marks: Int32Array;
  /** Numbers in marks. */
  private markCount = 0;
  /** Bytes up to which checkpoints are left. */
  private marked = 0;

  constructor(bytes: Uint8Array) {
    // The word view needs an aligned start: a copy costs far less than a byte-wise walk (a
    // new Uint8Array: a Buffer's slice would be a view at the same offset).
    this.bytes = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    this.words = new Uint32Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length >>> 2);
    this.marks = new Int32Array(3 * ((this.bytes.length >>> 6) + 2));
  }

  /** The byte offset at which code point `cp` starts (the length for a position at or past the end). */
  byteOf(cp: number): number {
    this.seek(cp);
    return this.b;
  }

  /** The line (from 1) holding code point `cp`. */
  lineOf(cp: number): number {
    this.seek(cp);
    return this.nl + 1;
  }

  /** The line (from 1) holding the last code point before `cp` (`cp` ≥ 1). */
  lineBefore(cp: number): number {
    this.seek(cp);
    // Past the end: every line feed is before it. A line feed is one byte, never the tail
    // of a longer character.
    if (this.cp < cp) return this.nl + 1;
    return this.nl + 1 - (this.b > 0 && this.bytes[this.b - 1] === 10 ? 1 : 0);
  }

  private seek(target: number): void {
    if (target !== this.cp) this.jump(target);
    const bytes = this.bytes;
    const n = bytes.length;
    const words = this.words;
    const marks = this.marks;
    const count = words.length;
    let b = this.b;
    let cp = this.cp;
    let nl = this.nl;
    for (;;) {
      // Whole words while four more code points cannot pass the target.
      if ((b & 3) === 0) {
        let k = b >>> 2;
        while (k < count && cp + 4 <= target) {
          if ((k & 15) === 0 && k << 2 >= this.marked) {
            const m = this.markCount;
            marks[m] = k << 2;
            marks[m + 1] = cp;
            marks[m + 2] = nl;
            this.markCount = m + 3;
            this.marked = (k << 2) + 1;
          }
          const w = words[k++]!;
          const x = w ^ 0x0a0a0a0a;
          if (((x - 0x01010101) & ~x & 0x80808080) !== 0) {
            // Some byte may be a line feed: count them exactly.
            if ((w & 0xff) === 10) nl++;
            if (((w >>> 8) & 0xff) === 10) nl++;
            if (((w >>> 16) & 0xff) === 10) nl++;
            if (w >>> 24 === 10) nl++;
          }
          if ((w & 0x80808080) === 0) cp += 4;
          else {
            // Continuation bytes: bit 7 set, bit 6 clear.
            const c = ((w & ~(w << 1) & 0x80808080) >>> 7) & 0x01010101;
            cp += 4 - (Math.imul(c, 0x01010101) >>> 24);
          }
        }
        b = k << 2;
      }
      if (b >= n) break;
      const x = bytes[b]!;
      if ((x & 0xc0) !== 0x80) {
        if (cp === target) break;
        cp++;
      }
      if (x === 10) nl++;
      b++;
    }
    this.b = b;
    this.cp = cp;
    this.nl = nl;
  }

  /** Moves to the last checkpoint at or before `target` when that is back or further on. */
  private jump(target: number): void {
    const marks = this.marks;
    let lo = 0;
    let hi = this.markCount / 3;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (marks[mid * 3 + 1]! <= target) lo = mid + 1;
      else hi = mid;
    }
    const j = lo - 1;
    if (j >= 0 && (target < this.cp || marks[j * 3]! > this.b)) {
      this.b = marks[j * 3]!;
      this.cp = marks[j * 3 + 1]!;
      this.nl = marks[j * 3 + 2]!;
    } else if (target < this.cp) {
      this.b = 0;
      this.cp = 0;
      this.nl = 0;
    }
  }
}

const decoder = new TextDecoder();

/** The text of bytes [from, to) (offsets at character starts). */
export function decodeUtf8(bytes: Uint8Array, from: number, to: number): string {
  return to <= from ? '' : decoder.decode(bytes.subarray(from, to));
}

/** The offset of the character holding byte `at`: `at` moved back over continuation bytes. */
export function charStart(bytes: Uint8Array, at: number): number {
  while (at > 0 && at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at--;
  return at;
}

/**
 * The code point of the well-formed UTF-8 sequence starting at byte `at` (a lead byte of
 * 0x80 or more) and ending before `to`; -1 when it is not well-formed (Unicode's table 3-7:
 * no overlong forms, surrogates or code points past U+10FFFF), where a decoder puts U+FFFD.
 */
export function codePointAt(bytes: Uint8Array, at: number, to: number): number {
  const x = bytes[at]!;
  if (x < 0xc2 || x > 0xf4) return -1;
  if (x < 0xe0) {
    if (at + 1 >= to) return -1;
    const y = bytes[at + 1]!;
    return (y & 0xc0) === 0x80 ? ((x & 0x1f) << 6) | (y & 0x3f) : -1;
  }
  if (x < 0xf0) {
    if (at + 2 >= to) return -1;
    const y = bytes[at + 1]!;
    const z = bytes[at + 2]!;
    if ((y & 0xc0) !== 0x80 || (z & 0xc0) !== 0x80) return -1;
    if ((x === 0xe0 && y < 0xa0) || (x === 0xed && y >= 0xa0)) return -1;
    return ((x & 0x0f) << 12) | ((y & 0x3f) << 6) | (z & 0x3f);
  }
  if (at + 3 >= to) return -1;
  const y = bytes[at + 1]!;
  const z = bytes[at + 2]!;
  const w = bytes[at + 3]!;
  if ((y & 0xc0) !== 0x80 || (z & 0xc0) !== 0x80 || (w & 0xc0) !== 0x80) return -1;
  if ((x === 0xf0 && y < 0x90) || (x === 0xf4 && y >= 0x90)) return -1;
  return ((x & 0x07) << 18) | ((y & 0x3f) << 12) | ((z & 0x3f) << 6) | (w & 0x3f);
}

/**
 * The text of well-formed UTF-8 bytes [from, to) (offsets at character starts), through a
 * Buffer view of them: for short pieces, cheaper than TextDecoder (and Latin-1, exact for
 * ASCII, cheaper still).
 */
export function decodeWellFormed(view: Buffer, from: number, to: number, ascii: boolean): string {
  return to <= from ? '' : view.toString(ascii ? 'latin1' : 'utf8', from, to);
}

/** UTF-8 bytes of a string (a reference path for texts not read from a project). */
export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * Bytes that are well-formed UTF-8: `bytes` themselves, or (a text another program stored)
 * those of the string they decode to, each malformed sequence a U+FFFD as a string read from
 * SQLite has it.
 */
export function wellFormedUtf8(bytes: Uint8Array): Uint8Array {
  return isUtf8(bytes) ? bytes : encodeUtf8(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}
