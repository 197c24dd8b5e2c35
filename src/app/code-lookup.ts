/**
 * Finding codes by name as users type them: case-insensitive, with "did you mean" for
 * misspellings, and creating them on the fly with `--new` (inductive coding).
 */
import { cleanCodeName, nameKey, type Code } from '../core/codebook.js';
import { CodebookError } from '../core/errors.js';
import { nearestNames } from '../core/nearest.js';
import type { Project } from './project.js';

/** The code called `name`, or a CodebookError naming the nearest codes. */
export function findCode(project: Project, name: string, codes: readonly Code[] = project.codes.list(), howToCreate?: string): Code {
  const key = nameKey(name.trim().replace(/\s+/g, ' '));
  const found = codes.find((c) => nameKey(c.name) === key);
  if (found !== undefined) return found;
  throw unknownCode(name, codes, howToCreate);
}

/**
 * The error for a code that does not exist, naming the nearest codes; `howToCreate` (e.g.
 * "add --new to create it") is offered where the command can create codes.
 */
export function unknownCode(name: string, codes: readonly Code[], howToCreate?: string): CodebookError {
  const near = nearestNames(name, codes.map((c) => c.name));
  const parts = near.length > 0 ? [`did you mean ${near.map((n) => `"${n}"`).join(', ')}?`] : [];
  parts.push(howToCreate === undefined ? 'qcode codebook lists the codes' : `or ${howToCreate}`);
  return new CodebookError(`no code "${name}" in the codebook`, { code: 'E_NO_CODE', hint: parts.join(' ') });
}

export const CREATE_WITH_NEW = 'add --new to create it';

/** Adds a code inside the caller's transaction and records it in the history. */
export function addCode(project: Project, rawName: string, parent: Code | null, fields: Partial<Code>, coderId: number, now: string, note: Record<string, unknown> = {}): Code {
  const name = cleanCodeName(rawName);
  const clash = project.codes.byKey(nameKey(name));
  if (clash !== undefined) throw new CodebookError(`a code "${clash.name}" already exists`, { code: 'E_CODE_EXISTS', hint: 'code names are unique, ignoring case' });
  return project.codes.get(insertCode(project, name, parent, fields, coderId, now, note).id)!;
}

/**
 * Inserts a code already known to be new (`name` cleaned, its key unused) and records it in
 * the history, inside the caller's transaction; returns the code without reading it back
 * (`createdBy` is left to the caller, who knows the coder's name).
 */
export function insertCode(project: Project, name: string, parent: Code | null, fields: Partial<Code>, coderId: number, now: string, note: Record<string, unknown> = {}): Omit<Code, 'createdBy'> {
  const record = {
    description: fields.description ?? null, include: fields.include ?? null, exclude: fields.exclude ?? null,
    example: fields.example ?? null, color: fields.color ?? null,
  };
  const parentId = parent?.id ?? null;
  const id = project.codes.insert({ name, key: nameKey(name), parentId, ...record }, coderId, now);
  project.codes.record(coderId, now, 'add', name, { parent: parent?.name ?? null, ...record, ...note });
  return { id, name, parentId, ...record, createdAt: now };
}
