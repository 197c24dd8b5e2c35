import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { parseVtt } from '../../src/io/vtt.js';

const SAMPLE = `WEBVTT - interview 3, wave T2
Kind: captions
Language: en

NOTE transcribed automatically,
checked by the second coder

STYLE
::cue(.yellow) { color: yellow }

REGION
id:left width:40%

intro-1
00:01.000 --> 00:04.000 align:start line:0%
<v Interviewer>How did the first week go?

00:04.500 --> 00:00:09.250
<v Participant>Honestly? <c.yellow>Tiring</c>, but
<00:00:06.000>the team &amp; the ward were kind.

NOTE a note between cues

3
01:00:00.000 --> 01:00:02.000
<v Interviewer>Right.</v> <v Participant>Yes.</v>
`;

describe('parseVtt', () => {
  it('skips header, NOTE, STYLE and REGION blocks, ids and settings', () => {
    expect(parseVtt(SAMPLE, 'p01.vtt')).toEqual([
      { startMs: 1000, endMs: 4000, voice: 'Interviewer', lines: ['How did the first week go?'] },
      {
        startMs: 4500,
        endMs: 9250,
        voice: 'Participant',
        lines: ['Honestly? Tiring, but', 'the team & the ward were kind.'],
      },
      { startMs: 3_600_000, endMs: 3_602_000, voice: 'Interviewer', lines: ['Right.'] },
      { startMs: 3_600_000, endMs: 3_602_000, voice: 'Participant', lines: ['Yes.'] },
    ]);
  });

  it('accepts a bare WEBVTT line and cues without voices', () => {
    expect(parseVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nplain text', 'a.vtt')).toEqual([
      { startMs: 0, endMs: 1000, voice: null, lines: ['plain text'] },
    ]);
  });

  it('returns no cues for a file with only a header', () => {
    expect(parseVtt('WEBVTT\n', 'empty.vtt')).toEqual([]);
  });

  it('keeps a cue whose blank line before it is missing', () => {
    const text = 'WEBVTT\n00:00.000 --> 00:01.000\none\n00:01.000 --> 00:02.000\ntwo\n';
    expect(parseVtt(text, 'a.vtt').map((c) => [c.startMs, c.lines])).toEqual([
      [0, ['one']],
      [1000, ['two']],
    ]);
  });

  it('tolerates CRLF line ends', () => {
    expect(parseVtt('WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nhi\r\n', 'a.vtt')[0].lines).toEqual(['hi']);
  });

  it('rejects a file that does not start with WEBVTT, naming it', () => {
    expect(() => parseVtt('WEBVTTX\n\n00:00.000 --> 00:01.000\nhi', 'p02.vtt')).toThrow(InputError);
    expect(() => parseVtt('1\n00:00:00,000 --> 00:00:01,000\nhi', 'p02.vtt')).toThrow(
      'p02.vtt: not a WebVTT file (first line must be WEBVTT)',
    );
  });

  it('rejects a malformed timing line, naming file and line', () => {
    const text = 'WEBVTT\n\nid\n00:00.000 --> 0:1.000\nhi\n';
    expect(() => parseVtt(text, 'p03.vtt')).toThrow(/^p03\.vtt: line 4: malformed cue timing "00:00\.000 --> 0:1\.000"/);
  });

  it('rejects a cue that ends before it starts, naming the line', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>fine\n\n00:05.000 --> 00:01.000\n<v A>hello\n';
    expect(() => parseVtt(text, 'p05.vtt')).toThrow(/^p05\.vtt: line 6: the cue ends before it starts/);
  });

  it('rejects text outside any cue rather than dropping it', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n\nstray words\n';
    expect(() => parseVtt(text, 'p04.vtt')).toThrow(/^p04\.vtt: line 6: text outside a cue/);
  });
});

const dir = fileURLToPath(new URL('../../../shared/testdata/podcastindex/', import.meta.url));

describe.skipIf(!existsSync(dir))('parseVtt on a real podcast transcript (example.vtt)', () => {
  // Read in place, with CRLF line ends turned to LF as the caller does before parsing.
  const cues = existsSync(dir)
    ? parseVtt(readFileSync(`${dir}example.vtt`, 'utf8').replace(/\r\n?/g, '\n'), 'example.vtt')
    : [];

  it('has 7 cues in two voices', () => {
    expect(cues).toHaveLength(7);
    expect([...new Set(cues.map((c) => c.voice))]).toEqual(['Sarah', 'Gillian']);
    expect(cues.map((c) => c.lines.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('reads the times and decodes Q&amp;A', () => {
    expect(cues[0]).toMatchObject({ startMs: 0, endMs: 2760 });
    expect(cues[5]).toMatchObject({ startMs: 19_080, endMs: 21_450, voice: 'Gillian' });
    expect(cues[2].lines[0]).toContain('Podcasting Q&A,');
  });
});
