import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { parseSrt } from '../../src/io/srt.js';

const SAMPLE = `1
00:00:00,179 --> 00:00:02,399
Interviewer: What made you
<i>choose</i> nursing?

2
00:00:02.400 --> 00:00:04,799 X1:40 X2:600 Y1:20 Y2:50
{\\an8}Participant: My aunt &amp; her stories.`;

describe('parseSrt', () => {
  it('reads numbered cues, strips <i> and {\\an8}, and leaves Name: prefixes alone', () => {
    expect(parseSrt(SAMPLE, 'p01.srt')).toEqual([
      { startMs: 179, endMs: 2399, voice: null, lines: ['Interviewer: What made you', 'choose nursing?'] },
      { startMs: 2400, endMs: 4799, voice: null, lines: ['Participant: My aunt & her stories.'] },
    ]);
  });

  it('tolerates missing numbers, odd numbering and extra blank lines', () => {
    const text = '\n\n00:00:01,000 --> 00:00:02,000\none\n\n\n\n7\n\n00:00:03,000 --> 00:00:04,000\ntwo\n\n' +
      '2\n00:00:05,000 --> 00:00:06,000\nthree\n\n\n';
    expect(parseSrt(text, 'a.srt').map((c) => [c.startMs, c.lines])).toEqual([
      [1000, ['one']],
      [3000, ['two']],
      [5000, ['three']],
    ]);
  });

  it('tolerates a missing blank line between cues', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\none\n2\n00:00:03,000 --> 00:00:04,000\ntwo';
    expect(parseSrt(text, 'a.srt').map((c) => c.lines)).toEqual([['one'], ['two']]);
  });

  it('keeps text after a stray blank line with its cue, and numbers that are talk', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nI was\n\n42\n\n2\n00:00:03,000 --> 00:00:04,000\nyes';
    expect(parseSrt(text, 'a.srt').map((c) => c.lines)).toEqual([['I was', '42'], ['yes']]);
  });

  it('keeps an arrow in the text as text', () => {
    expect(parseSrt('00:00:01,000 --> 00:00:02,000\nhome --> work', 'a.srt')[0].lines).toEqual(['home --> work']);
  });

  it('reads a voice tag when there is one', () => {
    const cues = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n<v Dana>hello', 'a.srt');
    expect(cues[0].voice).toBe('Dana');
  });

  it('rejects a file without cues, naming it', () => {
    expect(() => parseSrt('just some words\n', 'notes.srt')).toThrow(InputError);
    expect(() => parseSrt('', 'empty.srt')).toThrow(/^empty\.srt: no subtitle cue found/);
  });

  it('rejects a malformed timing line, naming file and line', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03 --> 00:00:04,000\nbad';
    expect(() => parseSrt(text, 'p02.srt')).toThrow(/^p02\.srt: line 6: malformed cue timing/);
  });

  it('rejects a garbled timing line instead of storing it as talk', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:xx,000 --> garbage\nlost?';
    expect(() => parseSrt(text, 'p04.srt')).toThrow(/^p04\.srt: line 6: malformed cue timing "00:00:xx,000 --> garbage"/);
    const afterNumber = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nsoon --> later\nlost?';
    expect(() => parseSrt(afterNumber, 'p05.srt')).toThrow(/^p05\.srt: line 6: malformed cue timing/);
  });

  it('rejects a cue that ends before it starts, naming the line', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:09,000 --> 00:00:03,000\nback in time';
    expect(() => parseSrt(text, 'p06.srt')).toThrow(/^p06\.srt: line 6: the cue ends before it starts/);
    expect(parseSrt('00:00:01,000 --> 00:00:01,000\ninstant', 'a.srt')[0].lines).toEqual(['instant']);
  });

  it('rejects text before the first cue rather than dropping it', () => {
    expect(() => parseSrt('Title\n\n1\n00:00:01,000 --> 00:00:02,000\nhi', 'p03.srt')).toThrow(
      /^p03\.srt: line 1: text before the first cue/,
    );
  });
});

const dir = fileURLToPath(new URL('../../../shared/testdata/podcastindex/', import.meta.url));

describe.skipIf(!existsSync(dir))('parseSrt on a real podcast transcript (example.srt)', () => {
  const cues = existsSync(dir) ? parseSrt(readFileSync(`${dir}example.srt`, 'utf8'), 'example.srt') : [];

  it('has all 222 cues, without voices', () => {
    expect(cues).toHaveLength(222);
    expect(cues.every((c) => c.voice === null && c.lines.length > 0)).toBe(true);
  });

  it('parses comma decimals', () => {
    expect(cues[0]).toMatchObject({ startMs: 179, endMs: 2399 });
    expect(cues[0].lines).toEqual(['Travis: When you first get', "started in podcasting, it's"]);
    expect(cues[221]).toMatchObject({ startMs: 752_671, endMs: 754_769, lines: ['best thing to do is to batch your', 'episodes.'] });
  });
});
