/**
 * Byte offsets of code-point offsets in a valid UTF-8 text, found without decoding it into a
 * string: `check` compares a million stored quotes with the text's own bytes inside SQLite,
 * which needs the byte range of each span (positions are code points, DESIGN.md "position").
 */
import { isAscii } from 'node:buffer';

export class Utf8Offsets {
  /** The length of the text in code points. */
  readonly length: number;
  /** The code-point offset of each multi-byte character, ascending. */
  private readonly at: number[] = [];
  /** The bytes beyond one per character up to and including that character. */
  private readonly extra: number[] = [];

  /** `bytes` must be valid UTF-8 (see `isUtf8` of node:buffer); ASCII costs nothing. */
  constructor(bytes: Buffer) {
    let extra = 0;
    if (!isAscii(bytes)) {
      const at = this.at;
      const more = this.extra;
      // A byte from 0xC0 up starts a multi-byte character, one from 0x80 to 0xBF continues
      // it. Four bytes are tested at once: ASCII runs, most of a text, cost one test each.
      const n = bytes.length;
      const aligned = bytes.byteOffset % 4 === 0;
      const words = aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset, n >>> 2) : new Uint32Array(0);
      const visit = (from: number, to: number): void => {
        for (let i = from; i < to; i++) {
          const b = bytes[i]!;
          if (b >= 0xc0) {
            at.push(i - extra);
            more.push(extra);
          } else if (b >= 0x80) more[more.length - 1] = ++extra;
        }
      };
      for (let k = 0; k < words.length; k++) if ((words[k]! & 0x80808080) !== 0) visit(k << 2, (k << 2) + 4);
      visit(words.length << 2, n);
    }
    this.length = bytes.length - extra;
  }

  /** True when code points and bytes coincide (an ASCII text). */
  get isIdentity(): boolean {
    return this.at.length === 0;
  }

  /** The byte offset of a code-point offset, or null outside 0…length. */
  byteOf(cp: number): number | null {
    if (!(cp >= 0 && cp <= this.length)) return null;
    const at = this.at;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < cp) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? cp : cp + this.extra[lo - 1]!;
  }
}
