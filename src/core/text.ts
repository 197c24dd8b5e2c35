/**
 * Text rules of DESIGN.md: normalised text and words.
 */

/** A word (DESIGN.md): letters and digits, joined by an apostrophe or hyphen. */
export const WORD_PATTERN = "[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*";

/** A fresh global regex for words; callers own its `lastIndex`. */
export function wordRegex(): RegExp {
  return new RegExp(WORD_PATTERN, 'gu');
}

/** Line ends to LF (CRLF and lone CR alike). */
export function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Unicode NFC and LF line ends: the last steps of every reader. */
export function normaliseText(text: string): string {
  return normaliseLineEnds(text).normalize('NFC');
}

/** Number of words in a string. */
export function countWords(text: string): number {
  let n = 0;
  const re = wordRegex();
  while (re.exec(text) !== null) n++;
  return n;
}

/** UTF-16 offsets at which each line starts (line 1 starts at 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
