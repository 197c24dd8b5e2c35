/**
 * Aligned text tables for the terminal. Columns that may wrap share what is left of
 * the width; the rest keep their natural width. Width is measured in code points.
 */
import { displayText, type Column, type TableData } from './table-shape.js';

export interface TextTableOptions {
  /** Total width to fit; undefined means no limit (pipes and files). */
  width?: number;
  /** Styles the header row (colour is decided by the caller). */
  header?: (s: string) => string;
}

const GAP = '  ';

export function renderTextTable(table: TableData, options: TextTableOptions = {}): string {
  const cols = table.columns;
  const cells = table.rows.map((r) => cols.map((c) => displayText(r[c.key], c).replace(/\s*\n\s*/g, ' ')));
  const widths = cols.map((c, i) => Math.max(len(c.header), ...cells.map((row) => len(row[i]!))));
  fitWidths(cols, widths, options.width);
  const out: string[] = [];
  const head = cols.map((c, i) => pad(c.header, widths[i]!, c.align)).join(GAP).trimEnd();
  out.push(options.header ? options.header(head) : head);
  for (const row of cells) {
    const wrapped = row.map((text, i) => wrap(text, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) {
      out.push(cols.map((c, i) => pad(wrapped[i]![k] ?? '', widths[i]!, c.align)).join(GAP).trimEnd());
    }
  }
  return out.join('\n') + '\n';
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

function len(s: string): number {
  let n = 0;
  for (const _ of s) n++;
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
