/** A word as a POSIX shell reads it back: bare when safe, else single-quoted (for commands qcode suggests). */
export function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.,:@%+=-]+$/u.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
