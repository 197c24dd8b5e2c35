/**
 * YAML reading with errors that name the file and line, for front matter, case
 * attribute files and codebooks.
 */
import { parseDocument } from 'yaml';
import { InputError } from '../core/errors.js';

/**
 * Parses YAML text; `lineOffset` is added to reported line numbers (front matter starts
 * on line 2 of its file).
 */
export function parseYaml(text: string, file: string, lineOffset = 0): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err !== undefined) {
    const line = (err.linePos?.[0]?.line ?? 1) + lineOffset;
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`${file}:${line}: invalid YAML: ${what}`, {
      code: 'E_YAML',
      hint: 'fix the YAML at that line (indentation, a missing colon or quote)',
    });
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** Parses YAML that must be a mapping (or empty). */
export function parseYamlMapping(text: string, file: string, lineOffset = 0): Record<string, unknown> {
  const value = parseYaml(text, file, lineOffset);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${file}:${lineOffset + 1}: front matter must be a YAML mapping of keys to values`, {
      code: 'E_YAML',
      hint: 'write it as key: value lines, e.g. "case: 50002"',
    });
  }
  return value as Record<string, unknown>;
}
