/** A stop-word file: one word a line, `#` starts a comment, blank lines ignored; UTF-8. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { foldApostrophes } from '../core/talk-words.js';

export function readStopWordsFile(cwd: string, file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new InputError(`--stop-words ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { hint: 'give default, none, or a file of one word a line' });
  }
  const words = new Set<string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const w = line.replace(/#.*/, '').trim();
    if (w !== '') words.add(foldApostrophes(w.normalize('NFC').toLowerCase()));
  }
  return words;
}
