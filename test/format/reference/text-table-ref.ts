/**
 * Aligned text tables for the terminal. Columns that may wrap share what is left of
 * the width; the rest keep their natural width. Width is measured in code points.
 */
import { escapeControls } from '../../../src/core/control-chars.js';
import { displayText, type Cell, type Column, type TableData } from '../../../src/format/table-shape.js';

export interface TextTableOptions {
  /** Total width to fit; undefined means no limit (pipes and files). */
  width?: number;
  /** Styles the header row (colour is decided by the caller). */
  header?: (s: string) => string;
}

const GAP = '  ';

export function renderTextTable(table: TableData, options: TextTableOptions = {}): string {
  const widths = new TextTableWidths(table.columns);
  // Each cell's text is made once (rounding, escaping), for the widths and for the lines.
  const texts = table.rows.map((r) => widths.addRow(r));
  const layout = widths.layout(options);
  const out = [layout.head];
  for (const t of texts) for (const line of layout.textLines(t)) out.push(line);
  return out.join('\n') + '\n';
}

/**
 * The column widths of a text table, measured row by row (a first pass over rows that are
 * then drawn one by one in a second: a table of any length in little memory).
 */
export class TextTableWidths {
  private readonly widths: number[];

  constructor(private readonly cols: Column[]) {
    this.widths = cols.map((c) => len(c.header));
  }

  add(r: Record<string, Cell>): void {
    this.addRow(r);
  }

  /** Measures a row and returns the text of its cells, in the order of the columns. */
  addRow(r: Record<string, Cell>): string[] {
    const texts = new Array<string>(this.cols.length);
    for (let i = 0; i < this.cols.length; i++) {
      const t = cellOf(r, this.cols[i]!);
      const n = len(t);
      if (n > this.widths[i]!) this.widths[i] = n;
      texts[i] = t;
    }
    return texts;
  }

  /** The header line, and the lines of each row, at the measured widths fitted to `width`. */
  layout(options: TextTableOptions = {}): { head: string; lines: (r: Record<string, Cell>) => string[]; textLines: (texts: string[]) => string[] } {
    const cols = this.cols;
    const widths = [...this.widths];
    fitWidths(cols, widths, options.width);
    const head = cols.map((c, i) => pad(c.header, widths[i]!, c.align)).join(GAP).trimEnd();
    // The lines of a row from its cells' texts (addRow's).
    const textLines = (texts: string[]): string[] => {
      // The common case, every cell within its width: one line, no wrapping.
      let line = '';
      let fits = texts.length > 0;
      for (let i = 0; fits && i < texts.length; i++) {
        const t = texts[i]!;
        const n = len(t);
        if (n > widths[i]!) fits = false;
        const fill = ' '.repeat(Math.max(0, widths[i]! - n));
        line += (i === 0 ? '' : GAP) + (cols[i]!.align === 'right' ? fill + t : t + fill);
      }
      if (fits) return [line.trimEnd()];
      const wrapped = texts.map((t, i) => wrap(t, widths[i]!));
      let height = 0;
      for (const w of wrapped) if (w.length > height) height = w.length;
      const out: string[] = [];
      for (let k = 0; k < height; k++) out.push(cols.map((c, i) => pad(wrapped[i]![k] ?? '', widths[i]!, c.align)).join(GAP).trimEnd());
      return out;
    };
    return {
      head: options.header ? options.header(head) : head,
      lines: (r) => textLines(cols.map((c) => cellOf(r, c))),
      textLines,
    };
  }
}

// One line per cell, and nothing in a cell (a file name, a quote) may drive the terminal.
const cellOf = (r: Record<string, Cell>, c: Column): string => {
  const t = displayText(r[c.key], c);
  return escapeControls(t.includes('\n') || t.includes('\t') ? t.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : t);
};

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

/** Length in code points: UTF-16 units less one per surrogate pair. */
function len(s: string): number {
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
