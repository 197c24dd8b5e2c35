/**
 * Writes a file so that readers see the old content or the new, never half of it:
 * write a temporary file beside it, then rename over.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
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
