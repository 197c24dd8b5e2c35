/**
 * SQLite failures a user can meet and act on, as one-line project errors; everything else
 * (a constraint that should never fail) stays an internal error.
 */
import { ProjectError } from '../core/errors.js';
import { READ_ONLY_HINT } from './open-access.js';

const EXPLAINED: Record<string, [string, string]> = {
  SQLITE_BUSY: ['the project is busy: another qcode is writing to it', 'wait for it to finish and run the command again'],
  SQLITE_LOCKED: ['the project is locked by another connection', 'wait for it to finish and run the command again'],
  SQLITE_FULL: ['the disk is full; nothing was written', 'free some space and run the command again'],
  SQLITE_READONLY: ['permission denied: the project is read-only (qcode.db or its folder cannot be written); nothing was written', READ_ONLY_HINT],
  SQLITE_CORRUPT: ['qcode.db is damaged', 'restore it from a backup; qcode check may say more'],
  SQLITE_NOTADB: ['qcode.db is not an SQLite database', 'restore it from a backup'],
};

/** The project error for an SQLite failure a user can act on, or null. */
export function explainSqliteError(e: unknown, file: string): ProjectError | null {
  const code = typeof e === 'object' && e !== null ? String((e as { code?: unknown }).code ?? '') : '';
  const known = EXPLAINED[code] ?? (code.startsWith('SQLITE_IOERR') ? ['the disk could not be read or written; nothing was written', 'check the disk and run the command again'] as [string, string] : undefined);
  if (known === undefined) return null;
  return new ProjectError(`${file}: ${known[0]}`, { code: 'E_SQLITE', hint: known[1], cause: e });
}
