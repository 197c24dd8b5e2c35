/**
 * Aligned text tables for the terminal. Columns that may wrap share what is left of
 * the width; the rest keep their natural width. Width is measured in code points.
 *
 * Reports print tables of tens of thousands of rows (and a framework matrix of 50 MB), so the
 * common path is kept lean: a cell's text and width come from one scan of its characters, the
 * texts of a whole table sit in one flat array, padding comes from a cache of runs of spaces, and
 * no object or closure is made per cell. Anything unusual in a cell (a control character, a line
 * break, a tab) takes the reference path (`cellOf`, `len`), which the fast path must equal
 * (test/format/text-table-fast.test.ts).
 */
import { escapeControls } from '../core/control-chars.js';
import { displayText, roundFixed, type Cell, type Column, type TableData } from './table-shape.js';
import { columnarCells, INT_EMPTY, type ColumnarCells } from './column-table.js';

export interface TextTableOptions {
  /** Total width to fit; undefined means no limit (pipes and files). */
  width?: number;
  /** Styles the header row (colour is decided by the caller). */
  header?: (s: string) => string;
}

/** A tree column: the first column indented by `unit` once per level of the row's `depthKey`. */
export interface TextTableIndent {
  depthKey: string;
  unit: string;
}

const GAP = '  ';

export function renderTextTable(table: TableData, options: TextTableOptions = {}, indent?: TextTableIndent): string {
  const columnar = indent === undefined ? columnarCells(table) : undefined;
  if (columnar !== undefined) {
    const text = columnTextTable(table.columns, columnar, options);
    if (text !== undefined) return text;
  }
  const widths = new TextTableWidths(table.columns, indent);
  const rows = table.rows;
  const n = widths.cols.length;
  // Each cell's text is made once (rounding, escaping), for the widths and for the lines.
  // (Arrays grown by appending: `new Array(n)` of more than ~100,000 slots is a slow dictionary.)
  const texts: string[] = [];
  const lens = new Int32Array(rows.length * n);
  for (let r = 0; r < rows.length; r++) widths.measure(rows[r]!, texts, lens, r * n);
  const layout = widths.layout(options);
  if (n === 0) return `${layout.head}\n`;
  const out = [layout.head];
  for (let r = 0; r < rows.length; r++) out.push(layout.textLinesAt(texts, lens, r * n));
  return out.join('\n') + '\n';
}

/**
 * renderTextTable as pieces to write one after another: strings, and the bytes of a table held
 * in columns (column-table.ts) as columnTextTableBytes writes them, never made into a string.
 */
export function renderTextTableChunks(table: TableData, options: TextTableOptions = {}, indent?: TextTableIndent): (string | Uint8Array)[] {
  const columnar = indent === undefined ? columnarCells(table) : undefined;
  const t = columnar === undefined ? undefined : columnTextTableBytes(table.columns, columnar, options);
  return t === undefined ? [renderTextTable(table, options, indent)] : [`${t.head}\n`, t.body];
}

/** A laid-out table: its header line and the lines of a row (joined by '\n', without a final one). */
export interface TextTableLayout {
  head: string;
  /** The lines of a row, from its cells. */
  lines: (r: Record<string, Cell>) => string[];
  /** The lines of a row joined by '\n' (no final line end), from its cells. */
  rowText: (r: Record<string, Cell>) => string;
  /** The lines of a row and a final '\n', handed to `write` in pieces, from its cells. */
  writeRow: (r: Record<string, Cell>, write: (s: string) => void) => void;
  /** The lines of a row from its cells' texts (addRow's). */
  textLines: (texts: string[]) => string[];
  /** The lines of the row whose texts and widths start at `at` in `texts`/`lens` (measure's), joined by '\n'. */
  textLinesAt: (texts: string[], lens: Int32Array, at: number) => string;
}

/**
 * The column widths of a text table, measured row by row (a first pass over rows that are
 * then drawn one by one in a second: a table of any length in little memory).
 */
export class TextTableWidths {
  private readonly widths: number[];
  readonly cols: Column[];
  private readonly keys: string[];
  private readonly decimals: (number | undefined)[];
  private readonly indent: TextTableIndent | undefined;
  // Scratch for one row (add, rowText): reused, not made per row.
  private readonly rowTexts: string[];
  private readonly rowLens: Int32Array;

  constructor(cols: Column[], indent?: TextTableIndent) {
    this.cols = cols;
    this.keys = cols.map((c) => c.key);
    this.decimals = cols.map((c) => c.decimals);
    this.indent = cols.length === 0 ? undefined : indent;
    this.widths = cols.map((c) => len(c.header));
    this.rowTexts = new Array<string>(cols.length);
    this.rowLens = new Int32Array(cols.length);
  }

  add(r: Record<string, Cell>): void {
    this.measure(r, this.rowTexts, this.rowLens, 0);
  }

  /** Measures a row and returns the text of its cells, in the order of the columns. */
  addRow(r: Record<string, Cell>): string[] {
    const texts = new Array<string>(this.cols.length);
    this.measure(r, texts, this.rowLens, 0);
    return texts;
  }

  /** Measures a row: the text and width of its cells go to `texts` and `lens` from `at`. */
  measure(r: Record<string, Cell>, texts: string[], lens: Int32Array, at: number): void {
    const widths = this.widths;
    for (let i = 0; i < widths.length; i++) {
      const n = this.cell(r, i, texts, lens, at + i);
      if (n > widths[i]!) widths[i] = n;
    }
  }

  /** The text of cell `i` of `r` into texts[k] and its width into lens[k]; returns the width. */
  private cell(r: Record<string, Cell>, i: number, texts: string[], lens: Int32Array, k: number): number {
    let v = r[this.keys[i]!];
    if (i === 0 && this.indent !== undefined) {
      // As report.ts indented a tree's first column: depth units, then the cell as written.
      const unit = this.indent.unit.repeat(Number(r[this.indent.depthKey] ?? 0));
      v = `${unit}${v ?? ''}`;
    }
    let t: string;
    let n: number;
    if (typeof v === 'string') {
      n = plainWidth(v);
      if (n < 0) {
        t = cellOf(v, this.cols[i]!);
        n = len(t);
      } else t = v;
    } else if (typeof v === 'number') {
      // A number's text is ASCII (digits, sign, point, exponent): its width is its length.
      const d = this.decimals[i];
      t = !Number.isFinite(v) ? '' : d !== undefined ? roundFixed(v, d) : String(v);
      n = t.length;
    } else {
      t = cellOf(v, this.cols[i]!);
      n = len(t);
    }
    texts[k] = t;
    lens[k] = n;
    return n;
  }

  /** The header line, and the lines of each row, at the measured widths fitted to `width`. */
  layout(options: TextTableOptions = {}): TextTableLayout {
    const cols = this.cols;
    const widths = [...this.widths];
    fitWidths(cols, widths, options.width);
    const head = cols.map((c, i) => pad(c.header, widths[i]!, c.align)).join(GAP).trimEnd();
    const right = cols.map((c) => c.align === 'right');
    const last = cols.length - 1;
    // The lines of a row from its cells' texts and widths.
    // One line's pieces (the fill before each cell, then the cell), reused row after row and
    // joined into one flat string: cheaper than concatenating a chain of pieces per line.
    const pieces = new Array<string>(2 * cols.length).fill('');
    // Fills `pieces` with a row's line; false when a cell is wider than its column (wrapping).
    const fillPieces = (texts: string[], lens: Int32Array, at: number): boolean => {
      // Fill before the next cell: the previous left-aligned cell's padding, then the gap.
      let fill = 0;
      for (let i = 0; i <= last; i++) {
        const t = texts[at + i]!;
        const n = lens[at + i]!;
        const w = widths[i]!;
        if (n > w) return false;
        if (i > 0) fill += GAP.length;
        if (right[i]) fill += w - n;
        pieces[2 * i] = spaces(fill);
        pieces[2 * i + 1] = t;
        // A left-aligned last cell needs no fill: trimEnd would take it off.
        fill = right[i] ? 0 : w - n;
      }
      return true;
    };
    // Whether the line in `pieces` may skip trimEnd: it ends in something trimEnd keeps (the usual case).
    const untrimmed = (texts: string[], at: number): boolean => {
      const t = texts[at + last]!;
      return keptByTrimEnd(t.charCodeAt(t.length - 1));
    };
    const linesAt = (texts: string[], lens: Int32Array, at: number): string => {
      if (last < 0) return '';
      // The common case, every cell within its width: one line, no wrapping.
      if (!fillPieces(texts, lens, at)) return wrappedLines(texts, at);
      const line = pieces.join('');
      return untrimmed(texts, at) ? line : line.trimEnd();
    };
    // A row's lines and line end handed to `write` piece by piece (a row of a framework matrix
    // is some 150,000 characters: not copied into a line of its own first).
    const writeRow = (r: Record<string, Cell>, write: (s: string) => void): void => {
      this.measureOnly(r);
      const texts = this.rowTexts;
      if (last >= 0) {
        if (!fillPieces(texts, this.rowLens, 0)) write(wrappedLines(texts, 0));
        else if (!untrimmed(texts, 0)) write(pieces.join('').trimEnd());
        else for (const p of pieces) if (p !== '') write(p);
      }
      write('\n');
    };
    const wrappedLines = (texts: string[], at: number): string => {
      const wrapped = cols.map((_, i) => wrap(texts[at + i]!, widths[i]!));
      let height = 0;
      for (const w of wrapped) if (w.length > height) height = w.length;
      const out: string[] = [];
      for (let k = 0; k < height; k++) out.push(cols.map((c, i) => pad(wrapped[i]![k] ?? '', widths[i]!, c.align)).join(GAP).trimEnd());
      return out.join('\n');
    };
    const rowText = (r: Record<string, Cell>): string => {
      this.measureOnly(r);
      return linesAt(this.rowTexts, this.rowLens, 0);
    };
    const splitLines = (s: string): string[] => (s === '' && last < 0 ? [] : s.split('\n'));
    return {
      head: options.header ? options.header(head) : head,
      lines: (r) => splitLines(rowText(r)),
      rowText,
      writeRow,
      textLines: (texts) => splitLines(linesAt(texts, Int32Array.from(texts, len), 0)),
      textLinesAt: linesAt,
    };
  }

  /** Texts and widths of a row into the scratch arrays, leaving the measured widths alone. */
  private measureOnly(r: Record<string, Cell>): void {
    for (let i = 0; i < this.cols.length; i++) this.cell(r, i, this.rowTexts, this.rowLens, i);
  }
}

// One line per cell, and nothing in a cell (a file name, a quote) may drive the terminal.
const cellOf = (v: Cell, c: Column): string => {
  const t = displayText(v, c);
  return escapeControls(t.includes('\n') || t.includes('\t') ? t.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : t);
};

/**
 * The width in code points of `s` when cellOf would leave it as it is (no control character,
 * line or paragraph separator, or bidirectional control: the characters escapeControls
 * escapes, which include the line breaks and tabs cellOf replaces); -1 otherwise.
 */
export function plainWidth(s: string): number {
  // Long text (a quote, a framework cell) mostly has none of those nor a surrogate pair: one
  // native scan for them beats walking it in a loop (short cells are walked: cheaper there).
  if (s.length > 64 && !PLAIN_BREAKER.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 0x20) return -1;
    } else if (c <= 0x9f) return -1;
    else if (c >= 0xd800) {
      if (c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          n--;
          i++;
        }
      }
    } else if (c >= 0x2028 && (c <= 0x202e || (c >= 0x2066 && c <= 0x2069))) return -1;
  }
  return n;
}

/**
 * True for a character code surely not white space to trimEnd (printable ASCII, and ranges
 * with no space separator or line terminator in them); false for the rest, and NaN (no text).
 */
export function keptByTrimEnd(c: number): boolean {
  return (c > 0x20 && c < 0x7f) || (c > 0xa0 && c < 0x1680) || (c > 0x205f && c < 0x3000) || (c > 0x3000 && c < 0xfeff);
}

function fitWidths(cols: Column[], widths: number[], total: number | undefined): void {
  if (total === undefined) return;
  const used = widths.reduce((a, b) => a + b, 0) + GAP.length * (cols.length - 1);
  const wrapIdx = cols.map((c, i) => (c.wrap === true ? i : -1)).filter((i) => i >= 0);
  if (used <= total || wrapIdx.length === 0) return;
  const fixed = used - wrapIdx.reduce((a, i) => a + widths[i]!, 0);
  const share = Math.max(10, Math.floor((total - fixed) / wrapIdx.length));
  for (const i of wrapIdx) widths[i] = Math.min(widths[i]!, share);
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
// What plainWidth's loop stops at or counts specially: escapeControls' characters, high surrogates.
const PLAIN_BREAKER = /[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\uD800-\uDBFF]/;

/** Length in code points: UTF-16 units less one per surrogate pair. */
export function len(s: string): number {
  // Most long text (a quote, a framework cell) has no surrogate: a native scan for one beats
  // walking it in a loop. Short cells are walked: a call to the regex costs more there.
  if (s.length > 64 && !HIGH_SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// Runs of spaces, made once per length.
const SPACES: string[] = [];
let LONG = '';

/** `n` spaces ('' when n <= 0). */
function spaces(n: number): string {
  if (n <= 0) return '';
  if (n > 1024) {
    // Long runs (a framework matrix pads cells by thousands) are slices of one long run.
    if (n > LONG.length) LONG = ' '.repeat(Math.max(n, 2 * LONG.length));
    return LONG.slice(0, n);
  }
  let s = SPACES[n];
  if (s === undefined) SPACES[n] = s = ' '.repeat(n);
  return s;
}

function pad(s: string, width: number, align: Column['align']): string {
  const fill = ' '.repeat(Math.max(0, width - len(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Greedy word wrap to `width` code points; words longer than the width are cut. */
export function wrap(text: string, width: number): string[] {
  if (len(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    let w = word;
    while (len(w) > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      const chars = [...w];
      lines.push(chars.slice(0, width).join(''));
      w = chars.slice(width).join('');
    }
    if (line === '') line = w;
    else if (len(line) + 1 + len(w) <= width) line += ' ' + w;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * renderTextTable of a table held in columns (column-table.ts), written byte by byte into one
 * buffer: no row object, no string per cell. Only for what it can lay out exactly as the rows
 * would be: every column held in columns, every text cell printable ASCII (its width is its
 * length, and there is nothing to escape, wrap or trim but spaces), and no column narrowed to
 * fit a width. Anything else: undefined, and the caller takes the row path
 * (test/format/column-table.test.ts compares the two on random tables).
 */
export function columnTextTable(cols: Column[], columnar: ColumnarCells, options: TextTableOptions): string | undefined {
  const t = columnTextTableBytes(cols, columnar, options);
  return t === undefined ? undefined : `${t.head}\n${t.body.toString('latin1')}`;
}

/**
 * columnTextTable as its header line (without its line end) and the bytes of its rows (ASCII,
 * each line ended), for writing without a string of the rows: a report's output is bytes.
 */
export function columnTextTableBytes(cols: Column[], columnar: ColumnarCells, options: TextTableOptions): { head: string; body: Buffer } | undefined {
  const n = columnar.length;
  const ncols = cols.length;
  if (ncols === 0) return undefined;
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
      const at = asciiBounds(c.values);
      if (at === undefined) return undefined;
      const idx = c.index instanceof Int32Array ? c.index : Int32Array.from(c.index);
      w = Math.max(w, textsWidth(idx, at, n));
      isText.push(true);
      index.push(idx);
      numbers.push(NO_NUMBERS);
      bytes.push(Buffer.from(c.values.join(''), 'latin1'));
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
    if (isText[i]) writeTextColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, bytes[i]!, bounds[i]!, n);
    else if (numbers[i] === NO_NUMBERS) {
      const d = cols[i]!.decimals ?? 0;
      if (d === 0) writeWholeColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, n, spare);
      else writeDecimalColumn(buf, stride, at, right ? widths[i]! : -1, index[i]!, d, 10 ** d, n, spare);
    }
    else writeNumberColumn(buf, stride, at, right ? widths[i]! : -1, numbers[i]!, cols[i]!.decimals, n);
  }
  return { head, body: buf.subarray(0, trimLines(buf, n, stride, lineWidth)) };
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

/** Where each text starts and ends in the texts one after another, or undefined when one is not printable ASCII. */
function asciiBounds(texts: readonly string[]): Int32Array | undefined {
  const at = new Int32Array(texts.length + 1);
  for (let k = 0; k < texts.length; k++) {
    const v = texts[k]!;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return undefined;
    }
    at[k + 1] = at[k]! + v.length;
  }
  return at;
}

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
