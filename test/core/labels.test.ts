import { describe, expect, it } from 'vitest';
import { detectLabel } from '../../src/core/labels.js';

describe('detectLabel: the label styles transcripts use (DESIGN.md "speaker label")', () => {
  const cases: [string, string, string][] = [
    // line, speaker, talk that follows the label
    ['Participant: I was tired.', 'Participant', 'I was tired.'],
    ['Interviewer: And then?', 'Interviewer', 'And then?'],
    ['P1: yes', 'P1', 'yes'],
    ['I: Tell me more.', 'I', 'Tell me more.'],
    ['INTERVIEWER: Loud.', 'INTERVIEWER', 'Loud.'],
    ['Dr. Amara Osei: Welcome.', 'Dr. Amara Osei', 'Welcome.'],
    ['Speaker 1: hi', 'Speaker 1', 'hi'],
    ['[Interviewer] How was it?', 'Interviewer', 'How was it?'],
    ['[Nurse Kim]: It was fine.', 'Nurse Kim', 'It was fine.'],
    ['**Interviewer:** Bold question?', 'Interviewer', 'Bold question?'],
    ['**P2**: Bold answer.', 'P2', 'Bold answer.'],
    ['[00:12:31] Interviewer: timed before', 'Interviewer', 'timed before'],
    ['00:12:31 Participant: bare time before', 'Participant', 'bare time before'],
    ['(12:31) Participant: paren time', 'Participant', 'paren time'],
    ['Interviewer (00:12:31): time inside', 'Interviewer', 'time inside'],
    ['Interviewer [00:12:31.5]: fraction', 'Interviewer', 'fraction'],
    ['Participant: [00:12:31] time after', 'Participant', 'time after'],
    ['Participant: 00:12:31,250 time after', 'Participant', 'time after'],
    ['**Interviewer (00:01:02):** both', 'Interviewer', 'both'],
    ['Speaker 2  0:03', 'Speaker 2', ''],
    ['Zoë: accents', 'Zoë', 'accents'],
    ['Interviewer:', 'Interviewer', ''],
    ['Enquêteur : Bonjour.', 'Enquêteur', 'Bonjour.'],
    ['Interviewer (00:00:01):', 'Interviewer', ''],
    ['Speaker 1 (00:05): Rev style', 'Speaker 1', 'Rev style'],
    ['インタビュアー：はい', 'インタビュアー', 'はい'],
    ['00:00:05\tInterviewer\tHow are you?', 'Interviewer', 'How are you?'],
    ['Participant\tFine, thanks.', 'Participant', 'Fine, thanks.'],
    ['P1:\tFine.', 'P1', 'Fine.'],
    ['Dana\tYes\tmaybe', 'Dana', 'Yes\tmaybe'],
    ['Speaker 2\tName: a turn that mentions a heading', 'Speaker 2', 'Name: a turn that mentions a heading'],
  ];
  it.each(cases)('%s', (line, speaker, talk) => {
    const label = detectLabel(line);
    expect(label).not.toBeNull();
    expect(label!.speaker).toBe(speaker);
    expect(line.slice(label!.end).trim()).toBe(talk);
  });

  const notLabels = [
    'Just a sentence without a colon',
    '[00:12:31] a timestamp is never a name',
    '00:12:31: neither is this',
    'This line has far too many words before its colon: no',
    '123: starts with a digit',
    'See http://example.org for details',
    '[laughs] yes that is right',
    '[inaudible] something',
    'Well, I said: no',
    '',
    '   ',
    '- bullet: item',
    'A long first cell of more than four words\tthen text',
    '\tindented text',
    'Time\tSpeaker\tText',
    'Timestamp\tSpeaker:\tTranscript',
    'Speaker\tText',
  ];
  it.each(notLabels)('not a label: %j', (line) => {
    expect(detectLabel(line)).toBeNull();
  });

  it('keeps an annotation-like name out only in brackets', () => {
    expect(detectLabel('Pause: a speaker may be called that')?.speaker).toBe('Pause');
  });
});
