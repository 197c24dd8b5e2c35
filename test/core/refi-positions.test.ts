import { describe, expect, it } from 'vitest';
import { chooseConvention, RawText, weighConventions } from '../../src/core/refi-positions.js';

describe('REFI-QDA positions', () => {
  const raw = 'A 😀 b\r\nword here\r\n';
  const t = new RawText(raw);

  it('maps each convention onto code points of the normalised text', () => {
    expect(t.normalised).toBe('A 😀 b\nword here\n');
    // "word" starts at UTF-16 unit 8 (emoji = 2, CR LF = 2), code point 7 as written, 6 with LF.
    expect(t.place({ start: 8, end: 12, name: null }, 'utf16')).toEqual({ ok: true, start: 6, end: 10 });
    expect(t.place({ start: 7, end: 11, name: null }, 'codepoints')).toEqual({ ok: true, start: 6, end: 10 });
    expect(t.place({ start: 6, end: 10, name: null }, 'codepoints-lf')).toEqual({ ok: true, start: 6, end: 10 });
    expect([...t.normalised].slice(6, 10).join('')).toBe('word');
  });

  it('says why a selection cannot be placed', () => {
    expect(t.place({ start: 3, end: 5, name: null }, 'utf16')).toMatchObject({ ok: false, reason: expect.stringContaining('surrogate') });
    expect(t.place({ start: 3, end: 99, name: null }, 'utf16')).toMatchObject({ ok: false, reason: expect.stringContaining('beyond the end') });
    expect(t.place({ start: 4, end: 4, name: null }, 'utf16')).toMatchObject({ ok: false, reason: expect.stringContaining('empty') });
  });

  it('places spans over text that NFC changes, and refuses one that splits a combined character', () => {
    const d = new RawText('Cafe\u0301 ok');
    expect(d.normalised).toBe('Café ok');
    expect(d.place({ start: 0, end: 5, name: null }, 'codepoints')).toEqual({ ok: true, start: 0, end: 4 });
    expect(d.place({ start: 6, end: 8, name: null }, 'codepoints')).toEqual({ ok: true, start: 5, end: 7 });
    expect(d.place({ start: 0, end: 4, name: null }, 'codepoints')).toMatchObject({ ok: false, reason: expect.stringContaining('NFC') });
  });

  it('decides from the text when it can, from the origin when it cannot', () => {
    const selections = [{ start: 8, end: 12, name: null }];
    const ev = weighConventions([{ text: t, selections }]);
    expect(chooseConvention(ev, 'MAXQDA 2022').convention).toBe('utf16');
    const plain = new RawText('no crlf, no emoji');
    const none = weighConventions([{ text: plain, selections: [{ start: 0, end: 2, name: null }] }]);
    expect(chooseConvention(none, 'NVivo 14 (Windows)').convention).toBe('utf16');
    expect(chooseConvention(none, 'ATLAS.ti').convention).toBe('codepoints');
  });

  it('maps every offset over decomposed text exactly as normalising the pieces would', () => {
    const raw = 'Cafe\u0301 cre\u0300me, A\u030A\u0301 x\u0323\u0307y 한국 e\u0301\u0301 é.';
    const t = new RawText(raw);
    const cps = Array.from(raw);
    for (let a = 0; a < cps.length; a++) {
      for (let b = a + 1; b <= cps.length; b++) {
        const [head, mid, tail] = [cps.slice(0, a), cps.slice(a, b), cps.slice(b)].map((x) => x.join('').normalize('NFC'));
        const exact = head! + mid! + tail! === t.normalised && mid !== '';
        const p = t.place({ start: a, end: b, name: null }, 'codepoints');
        if (exact) expect(p, `${a}-${b}`).toEqual({ ok: true, start: Array.from(head!).length, end: Array.from(head! + mid!).length });
        else expect(p.ok, `${a}-${b}`).toBe(false);
      }
    }
  });
});
