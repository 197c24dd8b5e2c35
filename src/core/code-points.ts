/**
 * Positions in qcode are Unicode code points (DESIGN.md, "position"), but JavaScript
 * strings index UTF-16 units. This map converts between the two for one text. Text
 * without astral characters (the common case) maps one to one at no cost.
 */
export class CodePointMap {
  /** UTF-16 offsets at which an astral character (a surrogate pair) starts, ascending. */
  private readonly astral: number[];
  /** The length of the text in code points. */
  readonly length: number;

  constructor(text: string) {
    const astral: number[] = [];
    if (/[\uD800-\uDBFF]/.test(text)) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            astral.push(i);
            i++;
          }
        }
      }
    }
    this.astral = astral;
    this.length = text.length - astral.length;
  }

  /** True when code points and UTF-16 units coincide for this text. */
  get isIdentity(): boolean {
    return this.astral.length === 0;
  }

  /** Code-point offset of a UTF-16 offset (which must not split a surrogate pair). */
  toCodePoint(utf16: number): number {
    if (this.astral.length === 0) return utf16;
    return utf16 - countBelow(this.astral, utf16);
  }

  /** UTF-16 offset of a code-point offset. */
  toUtf16(cp: number): number {
    const a = this.astral;
    if (a.length === 0) return cp;
    // The k-th astral start lies at code point a[k] - k; count those below cp.
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }
}

/** Number of entries of the ascending array `xs` strictly below `v`. */
export function countBelow(xs: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Length of a string in code points. */
export function codePointLength(s: string): number {
  return new CodePointMap(s).length;
}

/** The substring between two code-point offsets. */
export function sliceCodePoints(text: string, start: number, end: number, map = new CodePointMap(text)): string {
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}

/**
 * The code-point offsets at which the lines of a text start (0 first, then just after each
 * line feed), read straight from its UTF-8 bytes: a code point starts at every byte that is
 * not a continuation byte (10xxxxxx). Listing a million codings needs line numbers without
 * decoding every transcript into a string.
 */
export function lineStartsOfUtf8(bytes: Uint8Array): number[] {
  const starts = [0];
  let cp = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) cp++;
    if (b === 10) starts.push(cp);
  }
  return starts;
}
