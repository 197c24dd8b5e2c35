import { describe, it, expect } from 'vitest';
import { cleanCueText, cuesFromText, decodeCharRefs, parseTimestamp, parseTiming } from '../../src/io/cue.js';

describe('parseTimestamp', () => {
  it.each([
    ['00:00:01.000', 1000],
    ['01:02:03.456', 3_723_456],
    ['02:03.456', 123_456],
    ['00:00:00,179', 179],
    ['00:00:02.399', 2399],
    ['100:00:00.000', 360_000_000],
    ['00:00:01,5', 1500],
    [' 00:00:01.250 ', 1250],
  ])('reads %s as %d ms', (s, ms) => {
    expect(parseTimestamp(s)).toBe(ms);
  });

  it.each(['', '1.000', '00:60:00.000', '00:00:60.000', 'aa:bb:cc.ddd', '00:00:01', '00:00:01.0000'])(
    'rejects %j',
    (s) => {
      expect(parseTimestamp(s)).toBeNull();
    },
  );
});

describe('parseTiming', () => {
  it('ignores cue settings after the end time', () => {
    expect(parseTiming('00:01.000 --> 00:04.000 align:start line:0%')).toEqual({ startMs: 1000, endMs: 4000 });
    expect(parseTiming('00:00:01,000 --> 00:00:02,000  X1:40 X2:600')).toEqual({ startMs: 1000, endMs: 2000 });
  });

  it('returns null for a broken line', () => {
    expect(parseTiming('00:00:01.000 -> 00:00:02.000')).toBeNull();
    expect(parseTiming('00:00:01.000 --> soon')).toBeNull();
  });
});

describe('decodeCharRefs', () => {
  it('decodes the named references WebVTT defines', () => {
    expect(decodeCharRefs('Q&amp;A &lt;b&gt; &quot;x&quot; it&apos;s')).toBe('Q&A <b> "x" it\'s');
    expect(decodeCharRefs('a&nbsp;b&lrm;&rlm;')).toBe('a\u00A0b\u200E\u200F');
  });

  it('decodes decimal and hex numeric references', () => {
    expect(decodeCharRefs('don&#39;t won&#x27;t &#X1F600;')).toBe("don't won't \u{1F600}");
  });

  it('keeps unknown names and bare ampersands as written', () => {
    expect(decodeCharRefs('R&D &copy; AT&T &amp')).toBe('R&D &copy; AT&T &amp');
  });

  it('turns impossible code points into U+FFFD', () => {
    expect(decodeCharRefs('&#0;&#xD800;&#x110000;')).toBe('\uFFFD\uFFFD\uFFFD');
  });
});

describe('cleanCueText', () => {
  it('removes markup tags, inline timestamps and ASS overrides', () => {
    const raw = '{\\an8}<i>Well</i>, <b>I</b> <u>think</u> <c.yellow.bg_blue>so</c>\n' +
      '<00:00:01.500><lang en-GB>colour</lang> <ruby>kan<rt>k</rt></ruby> <font color="#ff0">ok</font>';
    expect(cleanCueText(raw)).toEqual(['Well, I think so', 'colour kank ok']);
  });

  it('decodes after removing tags, so escaped markup stays text', () => {
    expect(cleanCueText('&lt;i&gt;not a tag&lt;/i&gt;')).toEqual(['<i>not a tag</i>']);
  });

  it('keeps a literal comparison in hand-written text', () => {
    expect(cleanCueText('a < b and c > d')).toEqual(['a < b and c > d']);
  });

  it('trims lines and drops the empty ones', () => {
    expect(cleanCueText('  one  \n\n <i> </i> \n&nbsp;\ntwo')).toEqual(['one', 'two']);
  });
});

describe('cuesFromText', () => {
  it('splits a cue with several voices into one cue per voice, in order', () => {
    expect(cuesFromText(1000, 2000, '<v Ama Owusu>hi</v> <v.loud Tomasz>hello <i>there</i></v>')).toEqual([
      { startMs: 1000, endMs: 2000, voice: 'Ama Owusu', lines: ['hi'] },
      { startMs: 1000, endMs: 2000, voice: 'Tomasz', lines: ['hello there'] },
    ]);
  });

  it('gives null voice to text outside voice spans', () => {
    expect(cuesFromText(0, 5, 'intro\n<v Bea>yes</v>\noutro')).toEqual([
      { startMs: 0, endMs: 5, voice: null, lines: ['intro'] },
      { startMs: 0, endMs: 5, voice: 'Bea', lines: ['yes'] },
      { startMs: 0, endMs: 5, voice: null, lines: ['outro'] },
    ]);
  });

  it('keeps an unclosed voice to the end of the cue, over several lines', () => {
    expect(cuesFromText(0, 5, '<v Bea>first line\nsecond line')).toEqual([
      { startMs: 0, endMs: 5, voice: 'Bea', lines: ['first line', 'second line'] },
    ]);
  });

  it('decodes references in the voice name and treats an empty name as none', () => {
    expect(cuesFromText(0, 5, '<v Jos&#233;>s&iacute;')[0]).toMatchObject({ voice: 'José', lines: ['s&iacute;'] });
    expect(cuesFromText(0, 5, '<v>anon')[0].voice).toBeNull();
  });

  it('makes no cue when nothing is left after cleaning', () => {
    expect(cuesFromText(0, 5, '<v Bea></v> <i></i>')).toEqual([]);
  });
});
