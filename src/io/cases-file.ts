/**
 * Case attribute files: CSV (a header row with a `case` column; comma, semicolon or tab
 * separated, as spreadsheets save them) or YAML (a mapping of case → attributes, or a
 * list of mappings with a `case` key, optionally under a top-level `cases:`).
 */
import { readKeyedFile } from './keyed-file.js';

export type CaseAttributes = Map<string, Record<string, string>>;

/** Reads a case attribute file; `shown` names it in messages. */
export function readCasesFile(path: string, shown: string): CaseAttributes {
  return new Map([...readKeyedFile(path, shown, 'case', 'case attributes')].map(([id, row]) => [id, row.values]));
}
