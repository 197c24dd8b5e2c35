/**
 * Characters that must never reach a terminal raw from user data (file names, front
 * matter): C0 and C1 controls (newline, tab, ESC…), DEL, the Unicode line and paragraph
 * separators, and the bidirectional embedding, override and isolate controls, which can
 * make a name display as another.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** `c` written as an escape: `\n`, `\t`, `\r`, else `\xHH` or `\uHHHH`. */
function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const cp = c.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** The first unsafe character of `s`, escaped (e.g. `\x1b`), or null when there is none. */
export function unsafeCharIn(s: string): string | null {
  const m = UNSAFE.exec(s);
  return m === null ? null : escapeOne(m[0]);
}

/** `s` with every unsafe character escaped, safe to print on a terminal. */
export function escapeControls(s: string): string {
  // Most cells (numbers, names, symbols, quotes) hold no unsafe character: no regex then.
  // UNSAFE as UTF-16 units (none of its characters is astral, and a surrogate is not one).
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && (c <= 0x9f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)))) return s.replace(UNSAFE_ALL, escapeOne);
  }
  return s;
}
