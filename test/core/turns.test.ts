import { describe, expect, it } from 'vitest';
import { segmentTurns } from '../../src/core/turns.js';
import { sliceCodePoints } from '../../src/core/code-points.js';

const talkOf = (text: string) => segmentTurns(text).map((t) => sliceCodePoints(text, t.talkStart, t.talkEnd));

describe('segmentTurns (DESIGN.md "turn", "header")', () => {
  it('numbers turns from the first label; the header is not a turn', () => {
    const text = 'Study 4, interview 2\nRecorded on the ward\n\nInterviewer: First?\nParticipant: Yes.\n';
    const turns = segmentTurns(text);
    expect(turns.map((t) => [t.number, t.speaker, t.lineStart])).toEqual([
      [1, 'Interviewer', 4],
      [2, 'Participant', 5],
    ]);
    expect(talkOf(text)).toEqual(['First?', 'Yes.']);
  });

  it('runs a turn over unlabelled lines to the end of its last non-blank line', () => {
    const text = 'Participant: one\ntwo\n\nthree  \n\n\nInterviewer: next';
    const [p, i] = segmentTurns(text);
    expect(sliceCodePoints(text, p!.talkStart, p!.talkEnd)).toBe('one\ntwo\n\nthree  ');
    expect([p!.lineStart, p!.lineEnd]).toEqual([1, 4]);
    expect(i!.lineStart).toBe(7);
  });

  it('starts a new turn at every label, even for the same speaker', () => {
    expect(segmentTurns('P: a\nP: b\n').map((t) => t.number)).toEqual([1, 2]);
  });

  it('starts talk after the label and timestamp, also on the next line', () => {
    const text = 'Speaker 1  0:03\nHello there.\n\nSpeaker 2  0:09\nHi.';
    expect(talkOf(text)).toEqual(['Hello there.', 'Hi.']);
    expect(talkOf('[00:00:05] Interviewer: [00:00:06] So.')).toEqual(['So.']);
  });

  it('gives an empty talk to a label with nothing after it', () => {
    const [t] = segmentTurns('Interviewer:\n\n');
    expect(t!.talkStart).toBe(t!.talkEnd);
    expect(t!.talkStart).toBe('Interviewer:'.length);
  });

  it('counts positions in code points, not UTF-16 units', () => {
    const text = 'P: 😀😀\nI: next';
    const [p, i] = segmentTurns(text);
    expect(p!.talkEnd).toBe(5); // "P: " + two emoji
    expect(i!.start).toBe(6);
  });

  it('has no turns without labels', () => {
    expect(segmentTurns('just talk\nmore talk')).toEqual([]);
  });
});
