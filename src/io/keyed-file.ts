/**
 * Tables of values keyed by an id column, as spreadsheets and hand-written YAML give them:
 * case attributes (`case` column) and source metadata (`source` column). CSV: a header row
 * with the key column; comma, semicolon or tab separated. YAML: a mapping of id → values,
 * or a list of mappings with the key, optionally under a top-level `cases:` / `sources:`.
 * Empty cells and null values are left out (a file adds and updates, it never clears).
 */
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { decodeText } from './decode.js';
import { readInputFile } from './read-input-file.js';
import { parseYaml } from './yaml.js';

export interface KeyedRow {
  /** The file line of a CSV row; null for YAML. */
  line: number | null;
  values: Record<string, string>;
}

export type KeyedRows = Map<string, KeyedRow>;

/** Reads a keyed file; `shown` names it in messages, `what` says what it holds ("case attributes"). */
export function readKeyedFile(path: string, shown: string, key: string, what: string): KeyedRows {
  const bytes = readInputFile(path, shown);
  const { text } = decodeText(bytes, shown);
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return fromYaml(parseYaml(text, shown), shown, key);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return fromCsv(text, shown, key);
  throw new InputError(`${shown}: ${what} must be a .csv or .yaml file`, { code: 'E_FORMAT' });
}

function fromCsv(text: string, shown: string, key: string): KeyedRows {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: [',', ';', '\t'], relax_column_count: false, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(`${shown}:${err.lines ?? 1}: invalid CSV: ${err.message.split('\n')[0]}`, { code: 'E_CSV', hint: 'check the quoting and the number of columns on that line' });
  }
  const header = rows[0];
  if (header === undefined) throw new InputError(`${shown}: the file is empty`, { code: 'E_EMPTY' });
  const col = header.findIndex((h) => h.toLowerCase() === key);
  if (col === -1) throw new InputError(`${shown}:1: no "${key}" column in the header`, { code: 'E_CSV', hint: `name the column that holds the ${key} ids "${key}"` });
  const out: KeyedRows = new Map();
  rows.slice(1).forEach((row, i) => {
    const id = row[col] ?? '';
    if (id === '') throw new InputError(`${shown}:${i + 2}: the ${key} cell is empty`, { code: 'E_CSV' });
    if (out.has(id)) throw new InputError(`${shown}:${i + 2}: ${key} ${id} appears twice`, { code: 'E_CSV', hint: `keep one row per ${key}` });
    const values: Record<string, string> = {};
    header.forEach((name, j) => {
      if (j !== col && name !== '' && row[j] !== undefined && row[j] !== '') values[name] = row[j]!;
    });
    out.set(id, { line: i + 2, values });
  });
  return out;
}

function fromYaml(value: unknown, shown: string, key: string): KeyedRows {
  const plural = `${key}s`;
  const root = isRecord(value) && plural in value ? value[plural] : value;
  const out: KeyedRows = new Map();
  const add = (id: unknown, attrs: unknown, where: string): void => {
    if (typeof id !== 'string' && typeof id !== 'number') throw new InputError(`${shown}: ${where} has no ${key} id`, { code: 'E_YAML' });
    if (!isRecord(attrs) && attrs !== null) throw new InputError(`${shown}: the values of ${key} ${id} must be a mapping`, { code: 'E_YAML' });
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k === key || v === null || v === undefined) continue;
      if (typeof v === 'object' && !(v instanceof Date)) throw new InputError(`${shown}: ${k} of ${key} ${id} must be a single value`, { code: 'E_YAML' });
      rec[k] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    }
    if (out.has(String(id))) throw new InputError(`${shown}: ${key} ${id} appears twice`, { code: 'E_YAML' });
    out.set(String(id), { line: null, values: rec });
  };
  if (Array.isArray(root)) root.forEach((entry, i) => add(isRecord(entry) ? entry[key] : undefined, entry, `entry ${i + 1}`));
  else if (isRecord(root)) for (const [id, attrs] of Object.entries(root)) add(id, attrs, id);
  else throw new InputError(`${shown}: expected a mapping of ${key} ids to values, or a list of entries with a "${key}" key`, { code: 'E_YAML' });
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
