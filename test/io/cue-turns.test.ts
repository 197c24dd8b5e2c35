import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cuesToText } from '../../src/io/cue-turns.js';
import { parseVtt } from '../../src/io/vtt.js';
import { parseSrt } from '../../src/io/srt.js';
import { analyseText } from '../../src/core/analyse.js';
import { interviewerMatcher } from '../../src/core/interviewer.js';
import type { Cue } from '../../src/io/cue.js';

const cue = (startMs: number, voice: string | null, ...lines: string[]): Cue => ({ startMs, endMs: startMs + 1000, voice, lines });

describe('cuesToText (DESIGN.md: one line per turn, Name: text)', () => {
  it('joins the cues of one voice with single spaces, one line per turn', () => {
    const r = cuesToText([cue(0, 'Interviewer', 'How did the', 'first week go?'), cue(1000, 'Interviewer', 'Honestly.'), cue(2000, 'Ama', 'It was a blur.')]);
    expect(r.text).toBe('Interviewer: How did the first week go? Honestly.\nAma: It was a blur.');
    expect(r.turnStartMs).toEqual([0, 2000]);
    expect(r.durationSec).toBe(3);
  });

  it('reads Name: prefixes, and continues the current speaker on cues without one', () => {
    const r = cuesToText([cue(0, null, 'Interviewer: So tell me'), cue(1000, null, 'about nights.'), cue(2000, null, 'Participant: Nights are hard.'), cue(3000, null, 'Really hard.')]);
    expect(r.text).toBe('Interviewer: So tell me about nights.\nParticipant: Nights are hard. Really hard.');
  });

  it('keeps unlabelled cues before the first speaker as a header line', () => {
    const r = cuesToText([cue(0, null, '[music]'), cue(1000, null, 'Host: Welcome.')]);
    expect(r.text).toBe('[music]\nHost: Welcome.');
    const a = analyseText(r.text, interviewerMatcher(['Host']), r.labelAt, r.turnStartMs);
    expect(a.turns).toHaveLength(1);
    expect(a.turns[0]!.startMs).toBe(1000);
    expect(a.interviewerWords).toBe(1);
    expect(a.participantWords).toBe(0);
  });

  it('takes the voice as the label even when it would not look like one', () => {
    const r = cuesToText([cue(0, 'Nurse Practitioner Mary Ann Lee', 'hello')]);
    const a = analyseText(r.text, () => false, r.labelAt, r.turnStartMs);
    expect(a.turns[0]!.speaker).toBe('Nurse Practitioner Mary Ann Lee');
    expect(a.participantWords).toBe(1);
  });
});

const shared = fileURLToPath(new URL('../../../shared/testdata/podcastindex/', import.meta.url));
describe.skipIf(!existsSync(shared))('real subtitle files (../shared/testdata, read in place)', () => {
  const read = (f: string) => readFileSync(shared + f, 'utf8').replace(/\r\n?/g, '\n');
  it('turns example.vtt into two turns of Sarah and Gillian', () => {
    const r = cuesToText(parseVtt(read('example.vtt'), 'example.vtt'));
    const lines = r.text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Sarah: In today's episode, you'll learn whether or not you should have a podcast trailer\./);
    expect(lines[0]).toContain('Podcasting Q&A, where');
    expect(lines[1]).toMatch(/^Gillian: Hi Buzzsprout, Gillian here/);
    expect(r.turnStartMs).toEqual([0, 19080]);
  });
  it('turns example.srt into turns that change only at Name: prefixes', () => {
    const r = cuesToText(parseSrt(read('example.srt'), 'example.srt'));
    const speakers = r.text.split('\n').map((l) => l.slice(0, l.indexOf(':')));
    expect(speakers[0]).toBe('Travis');
    expect(r.text.split('\n')[0]).toMatch(/^Travis: When you first get started in podcasting, it's almost guaranteed/);
    for (let i = 1; i < speakers.length; i++) expect(speakers[i]).not.toBe(speakers[i - 1]);
  });
});
