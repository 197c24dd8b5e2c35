/**
 * Why a project database cannot be opened or written, in words a user can act on:
 * permission problems are named as such, with the path, instead of SQLite's "unable to
 * open database file" or "attempt to write a readonly database".
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ProjectError } from '../core/errors.js';

const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

/** The hint every read-only refusal carries: what still works. */
export const READ_ONLY_HINT = 'check the permissions of qcode.db and its folder; commands that only read (sources, show, report, codings, check) still work';

/**
 * What stops `file` being used, or null when nothing visible does: it cannot be read,
 * or it (or its folder, where SQLite keeps its journal) cannot be written.
 * `access` is a parameter so that tests can stand in for the file system.
 */
export function accessProblem(file: string, access: (path: string, mode: number) => void = accessSync): 'unreadable' | 'read-only' | null {
  const denied = (path: string, mode: number): boolean => {
    try {
      access(path, mode);
      return false;
    } catch (e) {
      return DENIED.has(String((e as NodeJS.ErrnoException).code));
    }
  };
  if (denied(dirname(file), constants.X_OK) || denied(file, constants.R_OK)) return 'unreadable';
  if (denied(file, constants.W_OK) || denied(dirname(file), constants.W_OK)) return 'read-only';
  return null;
}

/** The project error for a failure to open `file`, naming a permission problem as such. */
export function cannotOpen(file: string, cause: unknown, problem = accessProblem(file)): ProjectError {
  if (problem === 'unreadable') {
    return new ProjectError(`${file}: permission denied: qcode.db cannot be read`, { code: 'E_PERMISSION', hint: 'check the permissions of qcode.db and its folder', cause });
  }
  if (problem === 'read-only') {
    return new ProjectError(`${file}: permission denied: the project is read-only (qcode.db or its folder cannot be written); nothing was written`, {
      code: 'E_READ_ONLY', hint: READ_ONLY_HINT, cause,
    });
  }
  return new ProjectError(`cannot open ${file}: ${(cause as Error).message}`, { code: 'E_OPEN', cause });
}

/** Whether `path` exists; a folder on the way that cannot be searched is a permission error, not "no". */
export function existsOrDenied(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code);
    if (!DENIED.has(code)) return false;
    throw new ProjectError(`${dirname(path)}: permission denied: cannot look into this folder for qcode.db`, {
      code: 'E_PERMISSION',
      hint: 'check the folder permissions (qcode needs to read and enter it)',
    });
  }
}
