/**
 * Who says which words (DESIGN.md, "interviewer talk / participant talk", "word").
 * The result is what reports need at ingest time: the sorted code-point starts of the
 * participant-talk words, so that words inside a span are two binary searches.
 */
import { CodePointMap } from './code-points.js';
import { forEachWordStart } from './text.js';
import type { Turn } from './turns.js';

export type Role = 'interviewer' | 'participant';

export interface TalkIndex {
  /** Code-point starts of participant-talk words, ascending. */
  participantWordStarts: Uint32Array;
  participantWords: number;
  interviewerWords: number;
  /** Per turn (same order as the turns): its role and its number of words. */
  roles: Role[];
  turnWords: number[];
}

/**
 * Attributes every word of `text` to participant talk, interviewer talk or nobody.
 * A text without turns is all participant talk; with turns, labels, timestamps and the
 * header are nobody's. A word belongs to the talk in which its first character lies.
 */
export function indexTalk(
  text: string,
  turns: readonly Turn[],
  isInterviewer: (speaker: string) => boolean,
  map = new CodePointMap(text),
): TalkIndex {
  const roles: Role[] = turns.map((t) => (isInterviewer(t.speaker) ? 'interviewer' : 'participant'));
  const turnWords = turns.map(() => 0);
  const starts: number[] = [];
  let interviewerWords = 0;
  let k = 0;
  forEachWordStart(text, (u16) => {
    const cp = map.toCodePoint(u16);
    if (turns.length === 0) {
      starts.push(cp);
      return;
    }
    while (k < turns.length && turns[k]!.talkEnd <= cp) k++;
    if (k >= turns.length) return;
    const t = turns[k]!;
    if (cp < t.talkStart) return;
    turnWords[k]!++;
    if (roles[k] === 'interviewer') interviewerWords++;
    else starts.push(cp);
  });
  return {
    participantWordStarts: Uint32Array.from(starts),
    participantWords: starts.length,
    interviewerWords,
    roles,
    turnWords,
  };
}
