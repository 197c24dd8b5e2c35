/**
 * Passages of participant talk for `qcode suggest`: each participant turn's talk, or each
 * sentence of it; in a source without speaker labels, each non-blank line (paragraph).
 */
import type { Talk } from './talk-words.js';

export type PassageUnit = 'turn' | 'sentence';

/** A passage in UTF-16 offsets, trimmed of white space. */
export interface Passage {
  start: number;
  end: number;
  talk: Talk;
}

// A sentence ends after . ! ? or … (and any closing quotes or brackets) before white space, or at a line end.
const SENTENCE_BREAK = /(?<=[.!?\u2026]["'\u201D\u2019)\]]*)\s+|\s*\n\s*/gu;
const LINE_BREAK = /\s*\n\s*/gu;

export function passagesOf(text: string, talks: readonly Talk[], unit: PassageUnit): Passage[] {
  const out: Passage[] = [];
  for (const talk of talks) {
    const re = unit === 'sentence' ? SENTENCE_BREAK : talk.turn === null ? LINE_BREAK : null;
    if (re === null) {
      pushTrimmed(text, talk.start, talk.end, talk, out);
      continue;
    }
    const slice = text.slice(talk.start, talk.end);
    let from = 0;
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      pushTrimmed(text, talk.start + from, talk.start + m.index, talk, out);
      from = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    pushTrimmed(text, talk.start + from, talk.end, talk, out);
  }
  return out;
}

function pushTrimmed(text: string, start: number, end: number, talk: Talk, out: Passage[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, talk });
}
