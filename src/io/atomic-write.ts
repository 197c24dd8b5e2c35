/**
 * Writes a file so that readers see the old content or the new, never half of it:
 * write a temporary file beside it, then rename over.
 */
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { backgroundWriter, type BackgroundWriter } from './background-writer.js';

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
 * file beside it, renamed over the target by `commit`; `abort` removes it. With `background`,
 * a thread of its own writes the pieces while the caller makes the next ones (a piece handed
 * over as bytes must not be changed afterwards); `commit` waits for the last.
 */
export function atomicWriter(path: string, mode = 0o644, options: { background?: boolean } = {}): { write: (s: string | Uint8Array) => void; commit: () => void; abort: () => void } {
  const tmp = `${path}.${process.pid}.tmp`;
  const fail = (e: unknown): never => {
    closeQuietly();
    rmSync(tmp, { force: true });
    throw new InputError(`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { code: 'E_WRITE', hint: 'check that the folder exists and is writable' });
  };
  let fd: number | null = null;
  let thread: BackgroundWriter | undefined;
  const closeQuietly = (): void => {
    if (thread !== undefined) {
      // The thread must be done with the descriptor before it is closed (and reused).
      try {
        thread.drain();
      } catch {
        // already failing
      }
      thread.stop();
      thread = undefined;
    }
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
  if (options.background === true) thread = backgroundWriter(fd!);
  return {
    write: (s) => {
      try {
        if (thread !== undefined) thread.write(typeof s === 'string' ? Buffer.from(s) : s);
        else if (typeof s === 'string') writeSync(fd!, s);
        else writeSync(fd!, s);
      } catch (e) {
        fail(e);
      }
    },
    commit: () => {
      try {
        if (thread !== undefined) {
          thread.drain();
          thread.stop();
          thread = undefined;
        }
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
