/**
 * Ranges as users type them: `12-20`, `12` (one), `12-` (to the end).
 */
import { UsageError } from './errors.js';

export interface Range {
  from: number;
  /** Inclusive; Infinity for an open end. */
  to: number;
}

export function parseRange(text: string, option: string): Range {
  const m = /^\s*(\d+)\s*(?:(-|–|\.\.)\s*(\d+)?)?\s*$/.exec(text);
  if (m === null) throw new UsageError(`${option} ${text}: expected A-B, e.g. ${option} 12-20`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : m[3] === undefined ? Infinity : Number(m[3]);
  if (from < 1) throw new UsageError(`${option} ${text}: numbering starts at 1`);
  if (to < from) throw new UsageError(`${option} ${text}: the end comes before the start`, { hint: `did you mean ${option} ${to}-${from}?` });
  return { from, to };
}
