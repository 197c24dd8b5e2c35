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

/** Between two columns. */
export const GAP = '  ';

export function renderTextTable(table: TableData, options: TextTableOptions = {}, indent?: TextTableIndent): string {
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

export function fitWidths(cols: Column[], widths: number[], total: number | undefined): void {
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

export function pad(s: string, width: number, align: Column['align']): string {
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
