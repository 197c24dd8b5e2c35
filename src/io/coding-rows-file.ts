/**
 * Files of codings to apply in bulk (`qcode tag --from FILE`): CSV with a header row (.csv,
 * comma-separated; .tsv, tab-separated) or JSON Lines (.jsonl, .ndjson: one object a line).
 * Columns or keys: code, source, one of lines / turns / match / span, and optionally coder,
 * weight, memo. Values are kept as text with the line each row is on; checking them is the
 * use case's work, row by row, so that an error names the first bad row.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { decodeText } from './decode.js';

export const CODING_ROW_FIELDS = ['code', 'source', 'lines', 'turns', 'match', 'span', 'coder', 'weight', 'memo'] as const;
export type CodingRowField = (typeof CODING_ROW_FIELDS)[number];

/** One row as written: the fields it gives (an empty CSV cell gives none), and its line. */
export interface RawCodingRow {
  line: number;
  fields: Partial<Record<CodingRowField, string>>;
}

export function readCodingRowsFile(path: string, shown: string): RawCodingRow[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'E_READ' });
  }
  const { text } = decodeText(bytes, shown);
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return fromJsonLines(text, shown);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return fromCsv(text, shown, ext === '.tsv' ? '\t' : ',');
  throw new InputError(`${shown}: codings to apply must be a .csv, .tsv or .jsonl file`, { code: 'E_FORMAT' });
}

function fieldOf(name: string, shown: string, line: number): CodingRowField {
  const key = name.trim().toLowerCase();
  if (!(CODING_ROW_FIELDS as readonly string[]).includes(key)) {
    throw new InputError(`${shown}:${line}: unknown column "${name}"`, { code: 'E_CODING_ROWS', hint: `the columns are ${CODING_ROW_FIELDS.join(', ')}` });
  }
  return key as CodingRowField;
}

/** A CSV record: its cells and the line it starts on. */
interface CsvRecord {
  cells: string[];
  line: number;
}

function fromCsv(text: string, shown: string, delimiter: string): RawCodingRow[] {
  const records = quickCsvRecords(text, delimiter) ?? libraryCsvRecords(text, shown, delimiter);
  const [head, ...body] = records;
  if (head === undefined) throw new InputError(`${shown}: the file is empty`, { code: 'E_EMPTY', hint: 'the first line names the columns: code,source,lines' });
  const headLine = head.line + head.cells.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
  const fields = head.cells.map((h) => fieldOf(h, shown, headLine));
  const twice = fields.find((f, i) => fields.indexOf(f) !== i);
  if (twice !== undefined) throw new InputError(`${shown}:${headLine}: the column "${twice}" appears twice`, { code: 'E_CODING_ROWS' });
  return body.map(({ cells, line }) => {
    const row: RawCodingRow = { line, fields: {} };
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.trim() !== '') row.fields[fields[i]!] = cell;
    }
    return row;
  });
}

/**
 * The records of CSV text that has no quotes and no carriage returns (what spreadsheets and
 * scripts mostly write), split by hand: csv-parse takes ~0.4 s for 100,000 rows (issue #12).
 * It gives exactly what csv-parse gives (empty lines skipped, a leading BOM dropped), or
 * undefined for anything else, and for a row with the wrong number of cells, so that the
 * library reads such files and words their errors.
 */
export function quickCsvRecords(text: string, delimiter: string): CsvRecord[] | undefined {
  if (text.includes('"') || text.includes('\r')) return undefined;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let width = -1;
  let at = 0;
  for (let line = 1; at <= body.length; line++) {
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    if (end > at) {
      const cells = body.slice(at, end).split(delimiter);
      if (width < 0) width = cells.length;
      else if (cells.length !== width) return undefined;
      out.push({ cells, line });
    }
    at = end + 1;
  }
  return out;
}

/** The records as csv-parse reads them; a record spanning lines (a quoted line break) starts on its first. */
export function libraryCsvRecords(text: string, shown: string, delimiter: string): CsvRecord[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: false, info: true }) as never;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(`${shown}:${err.lines ?? 1}: invalid CSV: ${err.message.split('\n')[0]}`, { code: 'E_CSV', hint: 'check the quoting and the number of columns on that line' });
  }
  // csv-parse counts the line a record ends on; a quoted cell may span lines: name the first.
  return records.map(({ record, info }) => ({ cells: record, line: info.lines - record.reduce((n, cell) => n + cell.split('\n').length - 1, 0) }));
}

function fromJsonLines(text: string, shown: string): RawCodingRow[] {
  const rows: RawCodingRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new InputError(`${shown}:${line}: invalid JSON: ${(e as Error).message}`, { code: 'E_JSON', hint: 'each line holds one JSON object' });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${shown}:${line}: expected a JSON object such as {"code": "Sleep", "source": "P07_T1", "lines": "3-4"}`, { code: 'E_JSON' });
    }
    const row: RawCodingRow = { line, fields: {} };
    for (const [k, v] of Object.entries(value)) {
      const field = fieldOf(k, shown, line);
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number') throw new InputError(`${shown}:${line}: "${k}" must be text or a number`, { code: 'E_JSON' });
      row.fields[field] = String(v);
    }
    rows.push(row);
  });
  return rows;
}
