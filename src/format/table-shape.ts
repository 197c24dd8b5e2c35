/**
 * The one table shape every listing and report renders from. `--format json` serialises
 * the data the table was built from, so the two cannot disagree.
 */
export interface Column {
  key: string;
  header: string;
  align?: 'left' | 'right';
  /** May be wrapped (table) when the terminal is too narrow. */
  wrap?: boolean;
  /** Rendered formats round numbers to this many decimals (CSV and JSON stay raw). */
  decimals?: number;
}

export type Cell = string | number | boolean | null | undefined;

export interface TableData {
  columns: Column[];
  rows: Record<string, Cell>[];
}

export type OutputFormat = 'table' | 'md' | 'csv' | 'json';

/** Text of a cell for the text formats: numbers as written, null and undefined empty. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) return '';
  return String(v);
}

/** Text of a cell as rendered formats show it: numbers rounded to the column's decimals. */
export function displayText(v: Cell, column: Column): string {
  if (typeof v === 'number' && Number.isFinite(v) && column.decimals !== undefined) return roundFixed(v, column.decimals);
  return cellText(v);
}

/** Rounds half away from zero (not to even), as manuscripts do, without "-0.0". */
export function roundFixed(v: number, decimals: number): string {
  const f = 10 ** decimals;
  const m = Math.round(Math.abs(v) * f + 1e-9);
  // Fast path (tables print tens of thousands of these): the rounded value is m / 10^decimals,
  // and toFixed of the double nearest to it writes m's digits with a point put in, as long as
  // m is far below 2^53 (the double's error stays under half a unit of the last decimal):
  // the whole part, then the decimals from a cache (tested against roundFixedReference).
  if (m < 1e15 && decimals > 0 && decimals <= 4 && Number.isInteger(decimals)) {
    const q = Math.floor(m / f);
    const x = m - q * f;
    if (x >= 0 && x < f) {
      const text = `${q}.${fraction(decimals, x)}`;
      return v < 0 && m > 0 ? `-${text}` : text;
    }
  }
  return roundFixedReference(v, decimals);
}

// The digits after the point, `decimals` of them with leading zeros, made once per value.
const FRACTIONS: (string | undefined)[][] = [];

function fraction(decimals: number, x: number): string {
  const cache = (FRACTIONS[decimals] ??= new Array<string | undefined>(10 ** decimals));
  let s = cache[x];
  if (s === undefined) cache[x] = s = String(x).padStart(decimals, '0');
  return s;
}

/** roundFixed as toFixed writes it, for any value: the reference its fast path must equal. */
export function roundFixedReference(v: number, decimals: number): string {
  const f = 10 ** decimals;
  const r = Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9) / f;
  return (Object.is(r, -0) ? 0 : r).toFixed(decimals);
}
