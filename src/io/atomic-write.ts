/**
 * Writes a file so that readers see the old content or the new, never half of it:
 * write a temporary file beside it, then rename over.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { InputError } from '../core/errors.js';

export function writeFileAtomic(path: string, text: string | Uint8Array, mode = 0o644): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'E_WRITE', hint: 'check that the folder exists and is writable' });
  }
}

/**
 * A file written piece by piece that appears whole or not at all: pieces go to a temporary
 * file beside it, renamed over the target by `commit`; `abort` removes it.
 */
export function atomicWriter(path: string, mode = 0o644): { write: (s: string | Uint8Array) => void; commit: () => void; abort: () => void } {
  const tmp = `${path}.${process.pid}.tmp`;
  const fail = (e: unknown): never => {
    closeQuietly();
    rmSync(tmp, { force: true });
    throw new InputError(`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'E_WRITE', hint: 'check that the folder exists and is writable' });
  };
  let fd: number | null = null;
  const closeQuietly = (): void => {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the first error is the one to report
      }
      fd = null;
    }
  };
  try {
    fd = openSync(tmp, 'w', mode);
  } catch (e) {
    fail(e);
  }
  return {
    write: (s) => {
      try {
        if (typeof s === 'string') writeSync(fd!, s);
        else writeSync(fd!, s);
      } catch (e) {
        fail(e);
      }
    },
    commit: () => {
      try {
        closeSync(fd!);
        fd = null;
        renameSync(tmp, path);
      } catch (e) {
        fail(e);
      }
    },
    abort: () => {
      closeQuietly();
      rmSync(tmp, { force: true });
    },
  };
}
