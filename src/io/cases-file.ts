/**
 * Case attribute files: CSV (a header row with a `case` column; comma, semicolon or tab
 * separated, as spreadsheets save them) or YAML (a mapping of case → attributes, or a
 * list of mappings with a `case` key, optionally under a top-level `cases:`).
 */
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { decodeText } from './decode.js';
import { readInputFile } from './read-input-file.js';
import { parseYaml } from './yaml.js';

export type CaseAttributes = Map<string, Record<string, string>>;

/** Reads a case attribute file; `shown` names it in messages. */
export function readCasesFile(path: string, shown: string): CaseAttributes {
  const bytes = readInputFile(path, shown);
  const { text } = decodeText(bytes, shown);
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return fromYaml(parseYaml(text, shown), shown);
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return fromCsv(text, shown);
  throw new InputError(`${shown}: case attributes must be a .csv or .yaml file`, { code: 'E_FORMAT' });
}

function fromCsv(text: string, shown: string): CaseAttributes {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: [',', ';', '\t'], relax_column_count: false, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(`${shown}:${err.lines ?? 1}: invalid CSV: ${err.message.split('\n')[0]}`, { code: 'E_CSV', hint: 'check the quoting and the number of columns on that line' });
  }
  const header = rows[0];
  if (header === undefined) throw new InputError(`${shown}: the file is empty`, { code: 'E_EMPTY' });
  const col = header.findIndex((h) => h.toLowerCase() === 'case');
  if (col === -1) throw new InputError(`${shown}:1: no "case" column in the header`, { code: 'E_CSV', hint: 'name the column that holds the participant ids "case"' });
  const out: CaseAttributes = new Map();
  rows.slice(1).forEach((row, i) => {
    const id = row[col] ?? '';
    if (id === '') throw new InputError(`${shown}:${i + 2}: the case cell is empty`, { code: 'E_CSV' });
    if (out.has(id)) throw new InputError(`${shown}:${i + 2}: case ${id} appears twice`, { code: 'E_CSV', hint: 'keep one row per case' });
    const attrs: Record<string, string> = {};
    header.forEach((name, j) => {
      if (j !== col && name !== '' && row[j] !== undefined && row[j] !== '') attrs[name] = row[j]!;
    });
    out.set(id, attrs);
  });
  return out;
}

function fromYaml(value: unknown, shown: string): CaseAttributes {
  const root = isRecord(value) && 'cases' in value ? value.cases : value;
  const out: CaseAttributes = new Map();
  const add = (id: unknown, attrs: unknown, where: string): void => {
    if (typeof id !== 'string' && typeof id !== 'number') throw new InputError(`${shown}: ${where} has no case id`, { code: 'E_YAML' });
    if (!isRecord(attrs) && attrs !== null) throw new InputError(`${shown}: the attributes of case ${id} must be a mapping`, { code: 'E_YAML' });
    const rec: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k === 'case' || v === null || v === undefined) continue;
      if (typeof v === 'object' && !(v instanceof Date)) throw new InputError(`${shown}: attribute ${k} of case ${id} must be a single value`, { code: 'E_YAML' });
      rec[k] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    }
    if (out.has(String(id))) throw new InputError(`${shown}: case ${id} appears twice`, { code: 'E_YAML' });
    out.set(String(id), rec);
  };
  if (Array.isArray(root)) root.forEach((entry, i) => add(isRecord(entry) ? entry.case : undefined, entry, `entry ${i + 1}`));
  else if (isRecord(root)) for (const [id, attrs] of Object.entries(root)) add(id, attrs, id);
  else throw new InputError(`${shown}: expected a mapping of case ids to attributes, or a list of entries with a "case" key`, { code: 'E_YAML' });
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
