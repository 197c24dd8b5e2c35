/**
 * Reliability-data tables (Krippendorff 2011, §B): CSV with a header row of unit names after
 * a first cell, then one row per coder, its name in the first cell and its value for each
 * unit after it; an empty cell is a missing value. Comma, semicolon or tab separated (the
 * one the header line uses most), UTF-8 or Windows-1252 as spreadsheets save them.
 * `transpose` reads the other layout: units in rows, coders in columns (as ReCal and R's irr).
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { decodeText } from './decode.js';
import { readInputFile } from './read-input-file.js';

export interface ReliabilityTable {
  coders: string[];
  units: string[];
  /** cells[coder][unit]: the value as written (trimmed), or null when missing. */
  cells: (string | null)[][];
}

export interface ReliabilityReadOptions {
  /** Units in rows, coders in columns. */
  transpose?: boolean;
  /** Cell texts that also mean "missing" besides the empty cell (e.g. NA, *). */
  missing?: readonly string[];
}

/** Reads a reliability-data CSV; `shown` names the file in messages. */
export function readReliabilityFile(path: string, shown: string, o: ReliabilityReadOptions = {}): ReliabilityTable {
  const bytes = readInputFile(path, shown);
  return parseReliabilityCsv(decodeText(bytes, shown).text, shown, o);
}

/** Parses the text of a reliability-data CSV. */
export function parseReliabilityCsv(text: string, shown: string, o: ReliabilityReadOptions = {}): ReliabilityTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(`${shown}:${err.lines ?? 1}: invalid CSV: ${err.message.split('\n')[0]}`, { code: 'E_CSV', hint: 'check the quoting on that line' });
  }
  const [rowWord, colWord] = o.transpose === true ? ['unit', 'coder'] : ['coder', 'unit'];
  const header = records[0];
  if (header === undefined) throw new InputError(`${shown}: the file is empty`, { code: 'E_EMPTY' });
  const columns = header.record.slice(1);
  if (columns.length === 0) {
    throw new InputError(`${shown}:${header.info.lines}: expected a header row of ${colWord} names after a first cell (e.g. ${rowWord},${colWord}1,${colWord}2)`, { code: 'E_CSV' });
  }
  checkNames(columns, colWord, shown, header.info.lines);
  const missing = new Set(o.missing ?? []);
  const rows: string[] = [];
  const grid: (string | null)[][] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.record.length) {
      throw new InputError(`${shown}:${info.lines}: ${record.length} cells, but the header has ${header.record.length}`, { code: 'E_CSV', hint: `give every ${rowWord} a cell for every ${colWord}, empty when missing` });
    }
    const name = record[0]!;
    if (name === '') throw new InputError(`${shown}:${info.lines}: the first cell (the ${rowWord}'s name) is empty`, { code: 'E_CSV' });
    if (rows.includes(name)) throw new InputError(`${shown}:${info.lines}: ${rowWord} ${name} appears twice`, { code: 'E_CSV', hint: `keep one row per ${rowWord}` });
    rows.push(name);
    grid.push(record.slice(1).map((v) => (v === '' || missing.has(v) ? null : v)));
  }
  if (rows.length === 0) throw new InputError(`${shown}: no ${rowWord} rows after the header`, { code: 'E_EMPTY' });
  if (o.transpose !== true) return { coders: rows, units: columns, cells: grid };
  return { coders: columns, units: rows, cells: columns.map((_, c) => grid.map((row) => row[c]!)) };
}

function checkNames(names: readonly string[], word: string, shown: string, line: number): void {
  names.forEach((n, i) => {
    if (n === '') throw new InputError(`${shown}:${line}: ${word} name ${i + 1} in the header is empty`, { code: 'E_CSV' });
    if (names.indexOf(n) !== i) throw new InputError(`${shown}:${line}: ${word} ${n} appears twice in the header`, { code: 'E_CSV' });
  });
}

/** The separator the first line uses most (outside quotes): comma, semicolon or tab. */
function delimiterOf(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}
