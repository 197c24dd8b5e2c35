/**
 * Markdown pipe tables that pandoc reads: pipes and backslashes escaped, line breaks
 * turned into <br>, numbers right-aligned.
 */
import { cellText, displayText, roundFixed, type Cell, type Column, type TableData } from './table-shape.js';

export function renderMarkdown(table: TableData, indent?: MarkdownIndent): string {
  const rows = table.rows;
  const out = [markdownHead(table.columns)];
  // One row's pieces, reused row after row and joined into one flat line.
  const pieces = markdownRowPieces(table.columns.length);
  for (let i = 0; i < rows.length; i++) out.push(markdownRow(table.columns, rows[i]!, indent, pieces));
  return out.join('\n') + '\n';
}

/** The pieces of a row of `n` cells: '| ', a cell, ' | ', a cell, …, ' |' (cells at odd places). */
export function markdownRowPieces(n: number): string[] {
  const pieces = ['| '];
  for (let i = 0; i < n; i++) pieces.push('', i === n - 1 ? ' |' : ' | ');
  if (n === 0) pieces.push(' |');
  return pieces;
}

/** A tree column: the first column indented by `unit` once per level of the row's `depthKey`. */
export interface MarkdownIndent {
  depthKey: string;
  unit: string;
}

/** The header and rule lines of a Markdown table, without the final line end. */
export function markdownHead(columns: Column[]): string {
  const head = `| ${columns.map((c) => escapeMd(c.header)).join(' | ')} |`;
  const rule = `| ${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  return `${head}\n${rule}`;
}

/** One row of a Markdown table, without its line end. */
export function markdownRow(columns: Column[], r: Record<string, Cell>, indent?: MarkdownIndent, pieces: string[] = markdownRowPieces(columns.length)): string {
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    let v = r[c.key];
    // As report.ts indented a tree's first column: depth units, then the cell as written.
    if (i === 0 && indent !== undefined) v = `${indent.unit.repeat(Number(r[indent.depthKey] ?? 0))}${v ?? ''}`;
    // A number's text (digits, sign, point, exponent) has nothing to escape.
    pieces[2 * i + 1] =
      typeof v === 'number' ? (!Number.isFinite(v) ? '' : c.decimals !== undefined ? roundFixed(v, c.decimals) : String(v)) : escapeMd(displayText(v, c));
  }
  return pieces.join('');
}

// The characters escapeMd changes: \ | * _ ` [ ] < > # and the line feed.
const MD_SPECIAL = new Uint8Array(128);
for (const ch of '\\|*_`[]<>#\n') MD_SPECIAL[ch.charCodeAt(0)] = 1;

function plainShort(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && MD_SPECIAL[c] === 1) return false;
  }
  return true;
}

const MD_SPECIAL_RE = /[\\|*_`[\]<>#\n]/;

export function escapeMd(v: Cell): string {
  const s = cellText(v);
  // Most cells have nothing to escape: found by one scan (native for long text), not four replaces.
  if (s.length > 32 ? !MD_SPECIAL_RE.test(s) : plainShort(s)) return s;
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
