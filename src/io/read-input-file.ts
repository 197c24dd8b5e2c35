/**
 * Reads a small input file (case attributes, a codebook, reliability data) whole. A FIFO
 * or device is refused before it is opened (reading one could block for ever), and
 * failures are input errors that name the file and say "permission denied" when it is.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';

export function readInputFile(path: string, shown: string): Buffer {
  try {
    if (!statSync(path).isFile()) throw new InputError(`${shown}: not a regular file (a FIFO, device or socket)`, { code: 'E_NOT_FILE' });
    return readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new InputError(`${shown}: cannot be read (${why})`, { code: 'E_READ' });
  }
}
