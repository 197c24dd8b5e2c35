/**
 * The words of the talk of chosen speakers (DESIGN.md, "Text queries"): where each talk
 * lies in a source, and every word in it with its start and end.
 */
import { CodePointMap } from './code-points.js';
import type { StoredTurn } from './model.js';

export type SpeakerChoice = 'participant' | 'interviewer' | 'all';

export const SPEAKER_CHOICES: readonly SpeakerChoice[] = ['participant', 'interviewer', 'all'];

/** What text queries need of a turn. */
export type TalkTurn = Pick<StoredTurn, 'number' | 'speaker' | 'role' | 'talkStart' | 'talkEnd'>;

/** A source's text and turns, as text queries read them. */
export interface SourceTalk {
  text: string;
  turns: TalkTurn[];
  /** Length in code points: equal to text.length when the text has no astral characters. */
  length?: number;
}

/** A stretch of talk in UTF-16 offsets, with its turn (null in a source without labels). */
export interface Talk {
  start: number;
  end: number;
  turn: TalkTurn | null;
}

/**
 * The talks of the chosen speakers, in text order. A source without speaker labels is all
 * participant talk; labels, timestamps and the header are nobody's talk.
 */
export function talksOf(src: SourceTalk, speaker: SpeakerChoice, map = codePointMapOf(src)): Talk[] {
  if (src.turns.length === 0) return speaker === 'interviewer' ? [] : [{ start: 0, end: src.text.length, turn: null }];
  const out: Talk[] = [];
  for (const t of src.turns) {
    if (speaker !== 'all' && t.role !== speaker) continue;
    out.push({ start: map.toUtf16(t.talkStart), end: map.toUtf16(t.talkEnd), turn: t });
  }
  return out;
}

/** A letter or digit: what words are made of (text.ts's WORD_PATTERN). */
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** 1 for the ASCII letters and digits. */
/** 1 for the ASCII letters and digits, else 0. */
export const ASCII_WORD = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_WORD[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_WORD[c] = ASCII_WORD[c + 0x20] = 1;

/** UTF-16 length of the letter or digit at `i`, or 0 (as text.ts's word scanner decides). */
export function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII_WORD[c]!;
  if (Number.isNaN(c)) return 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
  return LETTER_OR_DIGIT.test(text[i]!) ? 1 : 0;
}

const isJoiner = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d;

/** The UTF-16 end of the word that starts at `i` (DESIGN.md's word: joined by ' ’ -). */
export function wordEnd(text: string, i: number, limit = text.length): number {
  for (;;) {
    while (i < limit) {
      const c = text.charCodeAt(i);
      // ASCII first: nearly every character of an English transcript.
      if (c < 0x80) {
        if (ASCII_WORD[c] === 0) break;
        i++;
      } else {
        const w = wordCharLength(text, i);
        if (w === 0) break;
        i += w;
      }
    }
    if (i + 1 < limit && isJoiner(text.charCodeAt(i)) && wordCharLength(text, i + 1) > 0) {
      i++;
      continue;
    }
    return i;
  }
}

/** True when a word starts at UTF-16 offset `i` (a word character not continuing a word). */
export function startsWord(text: string, i: number): boolean {
  return wordCharLength(text, i) > 0 && !insideWord(text, i);
}

/** Calls `onWord(start, end)` (UTF-16) for every word starting in [from, to), in order. */
export function forEachWord(text: string, from: number, to: number, onWord: (start: number, end: number) => void): void {
  let i = from;
  while (i < to) {
    if (wordCharLength(text, i) === 0) {
      i++;
      continue;
    }
    const end = wordEnd(text, i);
    onWord(i, end);
    i = end;
  }
}

/** True when UTF-16 offset `i` lies after the first character of a word and before its end. */
export function insideWord(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = wordCharLength(text, i - 1) > 0 || (text.charCodeAt(i - 1) >= 0xdc00 && text.charCodeAt(i - 1) <= 0xdfff && wordCharLength(text, i - 2) > 0)
    || (i >= 2 && isJoiner(text.charCodeAt(i - 1)) && wordCharLength(text, i - 2) > 0);
  const after = wordCharLength(text, i) > 0 || (isJoiner(text.charCodeAt(i)) && wordCharLength(text, i + 1) > 0);
  return before && after;
}

/** A word with its typographic apostrophes (’) as straight ones ('): `don’t` and `don't` are one word to count and search. */
export function foldApostrophes(word: string): string {
  return word.indexOf('\u2019') === -1 ? word : word.replace(/\u2019/g, "'");
}

/** The code-point map of a source's text, built without scanning when its stored length shows no astral characters. */
export function codePointMapOf(src: SourceTalk): CodePointMap {
  return src.length === src.text.length ? IDENTITY : new CodePointMap(src.text);
}

// Any text without astral characters maps one to one; the map of '' serves them all.
const IDENTITY = new CodePointMap('');
