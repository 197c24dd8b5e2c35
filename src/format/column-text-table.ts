/**
 * The text table of a table held in columns (column-table.ts), written byte by byte into one
 * buffer: no row object, no string per cell. An agreement report (a row per code and source,
 * ~25,000 at 100,000 codings) goes out this way; every other table, and whatever this path
 * cannot lay out exactly as the rows would be, is renderTextTable's (text-table.ts), whose
 * rules of width, padding and fitting it follows.
 */
import { columnarCells, INT_EMPTY, type ColumnarCells } from './column-table.js';
import { roundFixed, type Column, type TableData } from './table-shape.js';
import { fitWidths, GAP, len, pad, renderTextTable, type TextTableIndent, type TextTableOptions } from './text-table.js';

/**
 * renderTextTable as pieces to write one after another: the bytes of a table held in columns as
 * columnTextTableBytes writes them (never made into a string) when it can, else the string
 * renderTextTable makes.
 */
export function renderTextTableChunks(table: TableData, options: TextTableOptions = {}, indent?: TextTableIndent): (string | Uint8Array)[] {
  const columnar = columnarCells(table);
  const t = columnar === undefined ? undefined : columnTextTableBytes(table.columns, columnar, options, indent);
  return t === undefined ? [renderTextTable(table, options, indent)] : [`${t.head}\n`, t.body];
}

/**
 * renderTextTable of a table held in columns (column-table.ts), written byte by byte into one
 * buffer: no row object, no string per cell. Only for what it can lay out exactly as the rows
 * would be: every column held in columns; every text cell printable ASCII or one of a few
 * other characters of one code point each (● – · …: its width is its length in code points,
 * and there is nothing to escape, wrap or trim but spaces); a tree's indent of spaces in a
 * left-aligned first column; and no column narrowed to fit a width. Anything else: undefined,
 * and the caller takes the row path (test/format/column-table.test.ts compares the two on
 * random tables).
 */
export function columnTextTable(cols: Column[], columnar: ColumnarCells, options: TextTableOptions, indent?: TextTableIndent): string | undefined {
  const t = columnTextTableBytes(cols, columnar, options, indent);
  return t === undefined ? undefined : `${t.head}\n${t.body.toString('utf8')}`;
}

/**
 * columnTextTable as its header line (without its line end) and the bytes of its rows (UTF-8,
 * each line ended), for writing without a string of the rows: a report's output is bytes.
 */
export function columnTextTableBytes(cols: Column[], columnar: ColumnarCells, options: TextTableOptions, indent?: TextTableIndent): { head: string; body: Buffer } | undefined {
  const n = columnar.length;
  const ncols = cols.length;
  if (ncols === 0) return undefined;
  // A tree's first column: each row's text moved right by its depth's indent (spaces only).
  let shift: Int32Array | undefined;
  if (indent !== undefined) {
    shift = indentShifts(columnar, indent, n);
    if (shift === undefined || cols[0]!.align === 'right' || columnar.cells.get(cols[0]!.key)?.kind !== 'text') return undefined;
  }
  // Characters beyond ASCII, each written as a byte of its own (a mark below 0x20) until the
  // lines are laid out, then as its UTF-8.
  const marks = new Marks();
  // Each column as typed arrays (one kind of array per use: the loops below stay monomorphic).
  const isText: boolean[] = [];
  const index: Int32Array[] = [];
  const numbers: Float64Array[] = [];
  // Per text column, its distinct texts' bytes one after another, and where each starts and ends.
  const bytes: Buffer[] = [];
  const bounds: Int32Array[] = [];
  const widths = cols.map((c) => len(c.header));
  for (let i = 0; i < ncols; i++) {
    const c = columnar.cells.get(cols[i]!.key);
    if (c === undefined) return undefined;
    let w = widths[i]!;
    if (c.kind === 'text') {
      const marked = marks.texts(c.values);
      if (marked === undefined) return undefined;
      const at = boundsOf(marked);
      const idx = c.index instanceof Int32Array ? c.index : Int32Array.from(c.index);
      w = Math.max(w, i === 0 && shift !== undefined ? shiftedWidth(idx, at, shift, n) : textsWidth(idx, at, n));
      isText.push(true);
      index.push(idx);
      numbers.push(NO_NUMBERS);
      bytes.push(Buffer.from(marked.join(''), 'latin1'));
      bounds.push(at);
    } else {
      const d = cols[i]!.decimals;
      let scaled: Int32Array | undefined;
      let values: Float64Array = NO_NUMBERS;
      if (c.kind === 'int' && d === undefined) scaled = c.values;
      else {
        values = c.values instanceof Float64Array ? c.values : Float64Array.from(c.values, (v) => (c.kind === 'int' && v === INT_EMPTY ? NaN : v));
        scaled = scaledInts(values, n, d);
      }
      const m = scaled === undefined ? numbersWidth(values, n, d) : intsWidth(scaled, n, d ?? 0);
      if (m > w) w = m;
      isText.push(false);
      index.push(scaled ?? NO_INDEX);
      numbers.push(scaled === undefined ? values : NO_NUMBERS);
      bytes.push(NO_BYTES);
      bounds.push(NO_INDEX);
    }
    widths[i] = w;
  }
  const fitted = [...widths];
  fitWidths(cols, fitted, options.width);
  if (fitted.some((w, i) => w !== widths[i])) return undefined;
  const headLine = cols.map((c, i) => pad(c.header, widths[i]!, c.align)).join(GAP).trimEnd();
  const head = options.header ? options.header(headLine) : headLine;
  // Every line is first laid out at full width, one column at a time (a tight loop of one kind
  // of cell), in a grid of spaces; then each line is cut after its last character that is not a
  // space (trimEnd: the text is printable ASCII, so spaces are its only white space), moved up
  // to follow the one before, and ended.
  const starts: number[] = [];
  let lineWidth = 0;
  for (let i = 0; i < ncols; i++) {
    if (i > 0) lineWidth += GAP.length;
    starts.push(lineWidth);
    lineWidth += widths[i]!;
  }
  const stride = lineWidth + 1;
  const spare = stride * n;
  const buf = Buffer.alloc(spare + 1, 0x20);
  for (let i = 0; i < ncols; i++) {
    const right = cols[i]!.align === 'right';
    const at = starts[i]!;
    if (i === 0 && shift !== undefined) writeShiftedTextColumn(buf, stride, index[i]!, bytes[i]!, bounds[i]!, shift, n);
    else if (isText[i]) writeTextColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, bytes[i]!, bounds[i]!, n);
    else if (numbers[i] === NO_NUMBERS) {
      const d = cols[i]!.decimals ?? 0;
      if (d === 0) writeWholeColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, n, spare);
      else writeDecimalColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, d, 10 ** d, n, spare);
    }
    else writeNumberColumn(buf, stride, at, right ? widths[i]! : -1, numbers[i]!, cols[i]!.decimals, n);
  }
  return { head, body: marks.expand(buf.subarray(0, trimLines(buf, n, stride, lineWidth))) };
}

/**
 * The characters beyond ASCII of a table's texts, each given a mark: a byte below 0x20 (not the
 * line feed) that stands for it in the grid, one byte for one code point of width one.
 */
class Marks {
  private readonly chars: string[] = [];
  private readonly byChar = new Map<string, string>();

  /** `texts` with their characters beyond ASCII as marks; undefined when one cannot be marked (see columnTextTable). */
  texts(texts: readonly string[]): string[] | undefined {
    const out: string[] = [];
    for (const v of texts) {
      let ascii = true;
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c < 0x20 || c === 0x7f) return undefined;
        if (c > 0x7e) ascii = false;
      }
      if (ascii) {
        out.push(v);
        continue;
      }
      let marked = '';
      for (const ch of v) {
        const c = ch.charCodeAt(0);
        if (c <= 0x7e) marked += ch;
        else {
          const m = this.markOf(ch);
          if (m === undefined) return undefined;
          marked += m;
        }
      }
      out.push(marked);
    }
    return out;
  }

  private markOf(ch: string): string | undefined {
    let m = this.byChar.get(ch);
    if (m !== undefined) return m;
    // One UTF-16 unit, printed as it is and not white space: not C1 controls, line and
    // paragraph separators, bidi controls (plainWidth escapes those) nor what trimEnd removes.
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c <= 0x9f || (c >= 0xd800 && c <= 0xdfff) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || /\s/.test(ch)) return undefined;
    const code = MARK_CODES[this.chars.length];
    if (code === undefined) return undefined;
    this.chars[code] = ch;
    this.byChar.set(ch, (m = String.fromCharCode(code)));
    return m;
  }

  /** The laid-out lines with each mark as its character's UTF-8 (native replacing: a loop over the bytes runs once, cold, and took 15 ms). */
  expand(body: Buffer): Buffer {
    if (this.byChar.size === 0) return body;
    return Buffer.from(body.toString('latin1').replace(MARK, (m) => this.chars[m.charCodeAt(0)]!), 'utf8');
  }
}

/** A mark in the laid-out lines. */
const MARK = /[\x01-\x09\x0b-\x1f]/g;

/** The bytes that mark characters: below 0x20, the line feed left out. */
const MARK_CODES = Array.from({ length: 0x1f }, (_, i) => i + 1).filter((c) => c !== 0x0a);

/** Where each text starts and ends in the texts one after another (one byte a UTF-16 unit). */
function boundsOf(texts: readonly string[]): Int32Array {
  const at = new Int32Array(texts.length + 1);
  for (let k = 0; k < texts.length; k++) at[k + 1] = at[k]! + texts[k]!.length;
  return at;
}

/** Each row's indent in spaces (unit × depth), or undefined when the unit is not spaces or a depth is not a whole number. */
function indentShifts(columnar: ColumnarCells, indent: TextTableIndent, n: number): Int32Array | undefined {
  if (!/^ *$/.test(indent.unit)) return undefined;
  const c = columnar.cells.get(indent.depthKey);
  if (c === undefined || c.kind === 'text') return undefined;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const d = c.values[r]!;
    // As the row path reads it: Number(depth ?? 0); an empty cell is depth 0.
    const depth = c.kind === 'int' ? (d === INT_EMPTY ? 0 : d) : Number.isNaN(d) ? 0 : d;
    if (!(Number.isInteger(depth) && depth >= 0 && depth < 1000)) return undefined;
    out[r] = depth * indent.unit.length;
  }
  return out;
}

/** The widest of an indented text column's cells: its indent and its text. */
function shiftedWidth(index: Int32Array, at: Int32Array, shift: Int32Array, n: number): number {
  let w = 0;
  for (let r = 0; r < n; r++) {
    const k = index[r]!;
    const m = shift[r]! + (k < 0 ? 0 : at[k + 1]! - at[k]!);
    if (m > w) w = m;
  }
  return w;
}

/** The first column's cells, left-aligned, each after its row's indent (the grid is spaces already). */
function writeShiftedTextColumn(buf: Buffer, stride: number, index: Int32Array, bytes: Buffer, bounds: Int32Array, shift: Int32Array, n: number): void {
  for (let r = 0, line = 0; r < n; r++, line += stride) {
    const k = index[r]!;
    if (k < 0) continue;
    let p = line + shift[r]!;
    for (let j = bounds[k]!; j < bounds[k + 1]!; j++) buf[p++] = bytes[j]!;
  }
}

// Each hot loop below is a small function of its own: V8 compiles a long loop's whole function
// while it runs (on-stack replacement), and a report runs each of these once.

/** The widest of a text column's cells: `index` into texts whose bounds are `at`. */
function textsWidth(index: Int32Array, at: Int32Array, n: number): number {
  let w = 0;
  for (let r = 0; r < n; r++) {
    const k = index[r]!;
    const m = k < 0 ? 0 : at[k + 1]! - at[k]!;
    if (m > w) w = m;
  }
  return w;
}

/** Cuts each of the n lines of the grid after its last character that is not a space, moves it up to follow the one before and ends it; returns the length of the text. */
function trimLines(buf: Buffer, n: number, stride: number, lineWidth: number): number {
  let pos = 0;
  for (let r = 0; r < n; r++) {
    const from = r * stride;
    let end = from + lineWidth;
    while (end > from && buf[end - 1] === 0x20) end--;
    if (pos !== from) buf.copyWithin(pos, from, end);
    pos += end - from;
    buf[pos++] = 0x0a;
  }
  return pos;
}

/** A text column's cells into the grid at `at` in each line: left-aligned (width −1) or right-aligned in `width`. */
function writeTextColumn(buf: Buffer, stride: number, at: number, width: number, index: Int32Array, bytes: Buffer, bounds: Int32Array, n: number): void {
  for (let r = 0, line = at; r < n; r++, line += stride) {
    const k = index[r]!;
    if (k < 0) continue;
    const from = bounds[k]!;
    const to = bounds[k + 1]!;
    let p = width < 0 ? line : line + width - (to - from);
    for (let j = from; j < to; j++) buf[p++] = bytes[j]!;
  }
}

/** A number column's cells into the grid at `at` in each line, as writeTextColumn. */
function writeNumberColumn(buf: Buffer, stride: number, at: number, width: number, values: Float64Array, d: number | undefined, n: number): void {
  for (let r = 0, line = at; r < n; r++, line += stride) {
    const v = values[r]!;
    writeNumberBack(buf, width < 0 ? line + numberWidth(v, d) : line + width, v, d);
  }
}

const NO_NUMBERS = new Float64Array(0);
const NO_INDEX = new Int32Array(0);
const NO_BYTES = Buffer.alloc(0);

/** An empty cell among scaledInts' (as in an 'int' column). */
const NO_INT = INT_EMPTY;

/**
 * A number column as whole numbers that small-integer arithmetic writes (no double per digit):
 * each value as it is (no decimals) or rounded to its `d` decimals and scaled by 10^d as
 * roundFixed's fast path rounds it, negative where the text has a minus sign; NO_INT where the
 * cell is empty. Undefined when a value does not fit (not whole, too large, other decimals).
 */
function scaledInts(values: Float64Array, n: number, d: number | undefined): Int32Array | undefined {
  // (The array is made here: an allocation first met in the loops' compiled code would send it back.)
  if (d === undefined) return wholeInts(values, n, new Int32Array(n));
  if (!(d > 0 && d <= 4 && Number.isInteger(d))) return undefined;
  return roundedInts(values, n, 10 ** d, new Int32Array(n));
}

function wholeInts(values: Float64Array, n: number, out: Int32Array): Int32Array | undefined {
  for (let r = 0; r < n; r++) {
    const v = values[r]!;
    const finite = v > -Infinity && v < Infinity;
    if (finite && !(v === Math.floor(v) && v < 0x7fffffff && v > -0x7fffffff)) return undefined;
    out[r] = finite ? v : NO_INT;
  }
  return out;
}

/** Values rounded as roundFixed rounds them to the decimals of f = 10^decimals, scaled by f. */
function roundedInts(values: Float64Array, n: number, f: number, out: Int32Array): Int32Array | undefined {
  for (let r = 0; r < n; r++) {
    const v = values[r]!;
    const finite = v > -Infinity && v < Infinity;
    const m = Math.round(Math.abs(v) * f + 1e-9);
    if (m >= 0x7fffffff) return undefined;
    // Negative where the text has a minus sign (not when it rounds to zero: −0 is stored as 0).
    out[r] = finite ? m * (v < 0 ? -1 : 1) : NO_INT;
  }
  return out;
}

/** The widest text of scaledInts' numbers (d decimals): that of the least or the greatest. */
function intsWidth(ints: Int32Array, n: number, d: number): number {
  const lo = intsLeast(ints, n);
  const hi = intsGreatest(ints, n);
  return Math.max(hi < 0 ? 0 : intWidth(hi, d), lo > 0 ? 0 : intWidth(lo, d));
}

/** The greatest of the numbers that are not NO_INT, or −1 when it is less. */
function intsGreatest(ints: Int32Array, n: number): number {
  let hi = -1;
  for (let r = 0; r < n; r++) {
    const m = ints[r]!;
    hi = m !== NO_INT && m > hi ? m : hi;
  }
  return hi;
}

/** The least of the numbers that are not NO_INT, or 1 when it is greater. */
function intsLeast(ints: Int32Array, n: number): number {
  let lo = 1;
  for (let r = 0; r < n; r++) {
    const m = ints[r]!;
    lo = m !== NO_INT && m < lo ? m : lo;
  }
  return lo;
}

/** The length of the text of one of scaledInts' numbers. */
function intWidth(m: number, d: number): number {
  const a = Math.abs(m);
  return (m < 0 ? 1 : 0) + (d === 0 ? digits(a) : digits(Math.floor(a / 10 ** d)) + 1 + d);
}

// The writers below run each cell through the same operations, whatever its value (a minus sign
// is written to a spare byte past the grid when there is none): V8 compiles them while they run,
// and an operation first met in compiled code sends it back to the interpreter to compile again.

/**
 * A column of scaledInts' whole numbers into the grid at `at` in each line: left-aligned
 * (width −1) or right-aligned in `width`; `spare` is a byte past the grid.
 */
function writeWholeColumn(buf: Buffer, stride: number, at: number, width: number, ints: Int32Array, n: number, spare: number): void {
  for (let r = 0, line = at; r < n; r++, line += stride) {
    const m = ints[r]!;
    if (m === NO_INT) continue;
    let j = width < 0 ? line + intWidth(m, 0) : line + width;
    let a = Math.abs(m);
    do {
      const q = (a / 10) | 0;
      buf[--j] = 0x30 + a - q * 10;
      a = q;
    } while (a > 0);
    const minus = j - 1;
    buf[m < 0 ? minus : spare] = 0x2d;
  }
}

/** A column of scaledInts' numbers of d > 0 decimals (scaled by f = 10^d), as writeWholeColumn. */
function writeDecimalColumn(buf: Buffer, stride: number, at: number, width: number, ints: Int32Array, d: number, f: number, n: number, spare: number): void {
  for (let r = 0, line = at; r < n; r++, line += stride) {
    const m = ints[r]!;
    if (m === NO_INT) continue;
    let j = width < 0 ? line + intWidth(m, d) : line + width;
    const a = Math.abs(m);
    let w = (a / f) | 0;
    let x = a - w * f;
    for (let k = 0; k < d; k++) {
      const q = (x / 10) | 0;
      buf[--j] = 0x30 + x - q * 10;
      x = q;
    }
    buf[--j] = 0x2e;
    do {
      const q = (w / 10) | 0;
      buf[--j] = 0x30 + w - q * 10;
      w = q;
    } while (w > 0);
    const minus = j - 1;
    buf[m < 0 ? minus : spare] = 0x2d;
  }
}

/** Integers written digit by digit: below this, a double holds every integer exactly. */
const SAFE = 2 ** 53;

/**
 * The widest text of the first `n` numbers in a column of `d` decimals. The width of a whole
 * number, or of one rounded to 1 … 4 decimals, grows with its magnitude on either side of zero:
 * the widest is that of the least or the greatest; anything else is measured value by value.
 */
function numbersWidth(values: Float64Array, n: number, d: number | undefined): number {
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let r = 0; r < n; r++) {
    const v = values[r]!;
    if (!(v > -Infinity && v < Infinity)) continue; // NaN and ±Infinity are empty cells
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v !== Math.floor(v)) whole = false;
  }
  if (hi < lo) return 0;
  const monotone = d === undefined ? whole && -lo < SAFE && hi < SAFE : d > 0 && d <= 4 && Number.isInteger(d) && -lo < 1e10 && hi < 1e10;
  if (monotone) return Math.max(numberWidth(lo, d), numberWidth(hi, d));
  let w = 0;
  for (let r = 0; r < n; r++) {
    const m = numberWidth(values[r]!, d);
    if (m > w) w = m;
  }
  return w;
}

/** The width (= length, ASCII) of the text the row path gives number `v` in a column of `d` decimals. */
function numberWidth(v: number, d: number | undefined): number {
  if (!Number.isFinite(v)) return 0;
  if (d === undefined) {
    if (Number.isInteger(v) && Math.abs(v) < SAFE) return (v < 0 ? 1 : 0) + digits(Math.abs(v));
    return String(v).length;
  }
  const f = 10 ** d;
  const m = Math.round(Math.abs(v) * f + 1e-9);
  if (m < 1e15 && d > 0 && d <= 4 && Number.isInteger(d)) {
    const q = Math.floor(m / f);
    const x = m - q * f;
    if (x >= 0 && x < f) return (v < 0 && m > 0 ? 1 : 0) + digits(q) + 1 + d;
  }
  return roundFixed(v, d).length;
}

/**
 * Writes the text of `v` (String(v), or roundFixed(v, d) with decimals; nothing when it is not
 * finite) so that it ends at `end`; returns where it starts.
 */
function writeNumberBack(buf: Buffer, end: number, v: number, d: number | undefined): number {
  if (!(v > -Infinity && v < Infinity)) return end;
  if (d === undefined) {
    if (v === Math.floor(v) && v < SAFE && v > -SAFE) {
      if (v >= 0) return writeDigitsBack(buf, end, v, 1);
      const start = writeDigitsBack(buf, end, -v, 1) - 1;
      buf[start] = 0x2d;
      return start;
    }
    return writeTextBack(buf, end, String(v));
  }
  const f = 10 ** d;
  const m = Math.round(Math.abs(v) * f + 1e-9);
  // As roundFixed's fast path: the whole part, a point, the decimals with leading zeros.
  if (m < 1e15 && d > 0 && d <= 4 && Number.isInteger(d)) {
    const q = Math.floor(m / f);
    const x = m - q * f;
    if (x >= 0 && x < f) {
      let start = writeDigitsBack(buf, end, x, d) - 1;
      buf[start] = 0x2e;
      start = writeDigitsBack(buf, start, q, 1);
      if (v < 0 && m > 0) buf[--start] = 0x2d;
      return start;
    }
  }
  return writeTextBack(buf, end, roundFixed(v, d));
}

function writeTextBack(buf: Buffer, end: number, s: string): number {
  buf.write(s, end - s.length, 'latin1');
  return end - s.length;
}

/** The digits of 00 … 99, two bytes each. */
const PAIRS = Buffer.from(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''), 'latin1');

/** The number of decimal digits of a whole number 0 ≤ x < 2^53. */
function digits(x: number): number {
  let n = 1;
  while (x >= 10) {
    x = Math.floor(x / 10);
    n++;
  }
  return n;
}

/** Writes whole number x (0 ≤ x < 2^53) to end at `end`, with leading zeros to at least `min` digits; returns where it starts. */
function writeDigitsBack(buf: Buffer, end: number, x: number, min: number): number {
  let j = end;
  // Two digits at a time while the number fits 31 bits (integer arithmetic), then one by one.
  if (x < 0x7fffffff) {
    let y = x | 0;
    while (y >= 100) {
      const q = (y / 100) | 0;
      const k = 2 * (y - q * 100);
      buf[--j] = PAIRS[k + 1]!;
      buf[--j] = PAIRS[k]!;
      y = q;
    }
    if (y >= 10) {
      buf[--j] = PAIRS[2 * y + 1]!;
      buf[--j] = PAIRS[2 * y]!;
    } else buf[--j] = 0x30 + y;
    while (end - j < min) buf[--j] = 0x30;
    return j;
  }
  do {
    const q = Math.floor(x / 10);
    buf[--j] = 0x30 + (x - q * 10);
    x = q;
  } while (x > 0);
  while (end - j < min) buf[--j] = 0x30;
  return j;
}
