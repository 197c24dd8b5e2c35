/**
 * What an interactive coding session walks: the participant turns of a source (all turns
 * with `--all-turns`), each with the interviewer turn before it for context, or the
 * non-blank lines of a source without speaker labels.
 */
import type { Span } from '../core/spans.js';
import type { loadSource } from './tag.js';

export interface SessionUnit {
  /** Turn number (or line number in a source without speaker labels). */
  number: number;
  speaker: string | null;
  role: string;
  talk: Span;
  text: string;
  /** The interviewer turn just before a participant turn, shown for context (not coded). */
  context: { number: number; speaker: string; text: string } | null;
}

/** The units a session walks: turns' talk, or the non-blank lines of a source without labels. */
export function sessionUnits(src: ReturnType<typeof loadSource>, allTurns: boolean): SessionUnit[] {
  const u16 = (cp: number): number => src.at.map.toUtf16(cp);
  if (src.turns.length > 0) {
    const textOf = (t: { talkStart: number; talkEnd: number }): string => src.text.slice(u16(t.talkStart), u16(t.talkEnd));
    return src.turns
      .filter((t) => (allTurns || t.role === 'participant') && t.talkEnd > t.talkStart)
      .map((t) => {
        const before = src.turns[t.number - 2]; // turns are numbered 1, 2, … in order
        const context = !allTurns && t.role === 'participant' && before !== undefined && before.role === 'interviewer' && before.talkEnd > before.talkStart
          ? { number: before.number, speaker: before.speaker, text: textOf(before) } : null;
        return { number: t.number, speaker: t.speaker, role: t.role, talk: { start: t.talkStart, end: t.talkEnd }, text: textOf(t), context };
      });
  }
  const units: SessionUnit[] = [];
  let pos = 0;
  src.text.split('\n').forEach((line, i) => {
    const start = pos;
    pos += line.length + 1;
    if (line.trim() === '') return;
    const talk = { start: src.at.map.toCodePoint(start), end: src.at.map.toCodePoint(start + line.length) };
    units.push({ number: i + 1, speaker: null, role: 'participant', talk, text: line, context: null });
  });
  return units;
}
