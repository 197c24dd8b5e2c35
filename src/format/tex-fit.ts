/**
 * Column widths for a LaTeX table on the text width of a standard `article` (345 pt at
 * 10 pt), estimated from the cells: a character ≈ 5 pt (Latin Modern at 10 pt averages
 * less), `\quad` 10 pt, 2\tabcolsep = 12 pt a column. Widths are fractions of `\linewidth`,
 * so a wider text block gives every column proportionally more room.
 */
import { displayText, type Cell, type Column, type TableData } from './table-shape.js';

export interface TexFit {
  /** Fractions of the line per column (undefined: the table fits at its natural width). */
  widths?: number[];
  /** Column indices of each part; the first column is in every part. */
  parts: number[][];
}

const LINE = 345;
/** At 10 pt; with room for wide letters (m, W) and digits. */
const CHAR_10PT = 5;
const SLACK = 3;
/** The narrowest a text column is made before the table is split: about 10 characters, 16 for wrapped passages. */
const MIN_TEXT = 50;
const MIN_WRAP = 80;

const len = (s: string): number => [...s].length;
/** Headers also break after a slash (words/case); cells only at spaces. */
const longestWord = (s: string, header = false): number => Math.max(0, ...s.split(header ? /\s+|(?<=\/)/ : /\s+/).map(len));

/** Type sizes tried in turn before a table is split: the commands, the scale of the type and \tabcolsep in pt. */
export const TEX_SIZES: [string, number, number][] = [['', 1, 6], ['\\small', 0.9, 6], ['\\footnotesize\\setlength{\\tabcolsep}{3pt}', 0.8, 3]];

/** The largest type size at which the table fits whole, else the smallest, split. */
export function fitTable(table: TableData, indentKey?: string): TexFit & { size: string } {
  for (const [size, scale, sep] of TEX_SIZES) {
    const fit = fitColumns(table, indentKey, scale, sep);
    if (fit.parts.length === 1) return { ...fit, size };
  }
  const [size, scale, sep] = TEX_SIZES[TEX_SIZES.length - 1]!;
  return { ...fitColumns(table, indentKey, scale, sep), size };
}

export function fitColumns(table: TableData, indentKey?: string, scale = 1, tabcolsep = 6): TexFit {
  const CHAR = CHAR_10PT * scale;
  const SEP = 2 * tabcolsep + SLACK;
  const cols = table.columns;
  const natural: number[] = [];
  const min: number[] = [];
  cols.forEach((c, i) => {
    let cells = 0;
    let words = 0;
    for (const r of table.rows) {
      const t = displayText(r[c.key], c);
      const indent = i === 0 ? depthOf(r, indentKey) * 10 * scale : 0;
      cells = Math.max(cells, len(t) * CHAR + indent);
      words = Math.max(words, longestWord(t) * CHAR + indent);
    }
    natural.push(Math.max(cells, len(c.header) * CHAR) + SEP);
    const headWord = longestWord(c.header, true) * CHAR;
    // Numbers never wrap; a header wraps between its words.
    // Text wraps at spaces: at least its longest word (up to twice the minimum) or the minimum.
    const least = (c.wrap ? MIN_WRAP : MIN_TEXT) * scale;
    min.push(c.align === 'right' ? Math.max(cells, headWord) + SEP : Math.min(natural[i]!, Math.max(headWord, Math.min(words, 2 * least), least) + SEP));
  });
  const all = cols.map((_, i) => i);
  if (sum(all, natural) <= LINE) return { parts: [all] };
  const widths: number[] = [];
  const parts: number[][] = [];
  let part: number[] = [0];
  for (let i = 1; i < cols.length; i++) {
    if (part.length > 1 && sum([...part, i], min) > LINE) {
      parts.push(part);
      part = [0];
    }
    part.push(i);
  }
  parts.push(part);
  for (const p of parts) {
    const w = share(p, natural, min, cols);
    p.forEach((i, k) => (widths[i] = i === 0 ? Math.max(widths[0] ?? 0, w[k]!) : w[k]!));
  }
  // The first column takes one width in every part: the narrowest it got, so every part still fits.
  if (parts.length > 1) widths[0] = Math.min(...parts.map((p) => share(p, natural, min, cols)[0]!));
  return { widths: widths.map((w) => Math.floor((w / LINE) * 1000) / 1000), parts };
}

/** Numbers get their natural width; text columns share the rest, none wider than its text (weighted water-filling). */
function share(part: number[], natural: number[], min: number[], cols: Column[]): number[] {
  const w = part.map((i) => min[i]!);
  if (sum(part, natural) <= LINE) return part.map((i) => natural[i]!);
  let room = LINE - w.reduce((a, b) => a + b, 0);
  const open = new Set(part.map((i, k) => (cols[i]!.align !== 'right' && natural[i]! > w[k]! ? k : -1)).filter((k) => k >= 0));
  // Wrapped passages (quotes) get three shares of the room to one for other text, up to their natural width.
  const weight = (k: number): number => (cols[part[k]!]!.wrap ? 3 : 1);
  while (room > 0.5 && open.size > 0) {
    const total = [...open].reduce((a, k) => a + weight(k), 0);
    const unit = room / total;
    for (const k of [...open]) {
      const add = Math.min(unit * weight(k), natural[part[k]!]! - w[k]!);
      w[k]! += add;
      room -= add;
      if (natural[part[k]!]! - w[k]! < 0.5) open.delete(k);
    }
  }
  return w;
}

const sum = (idx: number[], v: number[]): number => idx.reduce((a, i) => a + v[i]!, 0);

/** A row's tree depth from its `key` (0 when absent or not a positive number). */
export function depthOf(row: Record<string, Cell>, key: string | undefined): number {
  if (key === undefined) return 0;
  const d = row[key];
  return typeof d === 'number' && Number.isFinite(d) && d > 0 ? Math.floor(d) : 0;
}
