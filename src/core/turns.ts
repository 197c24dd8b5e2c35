/**
 * Turns (DESIGN.md, "turn" and "header"): every speaker label starts a turn that runs to
 * the next label; its talk runs from just after the label (and timestamp) to the end of
 * its last non-blank line. Text before the first label is the header, nobody's talk.
 */
import { CodePointMap } from './code-points.js';
import { detectLabel, type SpeakerLabel } from './labels.js';

export interface Turn {
  /** 1-based, per source; the first label is turn 1. */
  number: number;
  speaker: string;
  /** Code-point offset of the start of the label's line. */
  start: number;
  /** Code-point offset where the talk starts (after label, timestamp and white space). */
  talkStart: number;
  /** Code-point offset just after the last character of the last non-blank line. */
  talkEnd: number;
  /** 1-based line numbers of the label line and of the turn's last non-blank line. */
  lineStart: number;
  lineEnd: number;
}

/** Finds the label of one line; `index` is the 0-based line index. */
export type LabelFinder = (line: string, index: number) => SpeakerLabel | null;

/** Splits normalised text into turns. A text without labels has none. */
export function segmentTurns(text: string, labelAt: LabelFinder = detectLabel, map = new CodePointMap(text)): Turn[] {
  const turns: Turn[] = [];
  let open: { speaker: string; start: number; labelEnd: number; line: number } | null = null;
  let lastContentEnd = 0;
  let lastContentLine = 0;
  const close = (): void => {
    if (open === null) return;
    const talkEnd = Math.max(open.labelEnd, lastContentEnd);
    let talkStart = open.labelEnd;
    while (talkStart < talkEnd && /\s/.test(text[talkStart]!)) talkStart++;
    turns.push({
      number: turns.length + 1,
      speaker: open.speaker,
      start: map.toCodePoint(open.start),
      talkStart: map.toCodePoint(talkStart),
      talkEnd: map.toCodePoint(talkEnd),
      lineStart: open.line,
      lineEnd: Math.max(open.line, lastContentLine),
    });
  };
  let pos = 0;
  let index = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const line = text.slice(pos, nl);
    const label = labelAt(line, index);
    if (label !== null) {
      close();
      open = { speaker: label.speaker, start: pos, labelEnd: pos + label.end, line: index + 1 };
      lastContentEnd = pos + label.end;
      lastContentLine = index + 1;
      if (line.slice(label.end).trim().length > 0) lastContentEnd = nl;
    } else if (open !== null && line.trim().length > 0) {
      lastContentEnd = nl;
      lastContentLine = index + 1;
    }
    pos = nl + 1;
    index++;
  }
  close();
  return turns;
}
