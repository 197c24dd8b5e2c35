/**
 * The words of a text found from its UTF-8 bytes (core/utf8-words.ts) are DESIGN.md's words:
 * the same starts and ends, in code points, as the regex over the decoded text, and as
 * wordUnits, which agreement used before.
 */
import { describe, expect, it } from 'vitest';
import { utf8WordBounds } from '../../src/core/utf8-words.js';
import { wordUnits } from '../../src/core/agreement.js';
import { wordRegex } from '../../src/core/text.js';
import { mulberry32 as random } from '../support/random.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Starts and ends in code points by DESIGN.md's regex over the string. */
function byRegex(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(wordRegex())) {
    const at = [...text.slice(0, m.index)].length;
    starts.push(at);
    ends.push(at + [...m[0]].length);
  }
  return { starts, ends };
}

const of = (text: string): { starts: number[]; ends: number[] } => {
  const w = utf8WordBounds(bytes(text));
  return { starts: [...w.starts], ends: [...w.ends] };
};

describe('utf8WordBounds', () => {
  it('finds words joined by an apostrophe, a curly apostrophe or a hyphen, in code points', () => {
    expect(of("I don't do self-care; it’s fine")).toEqual({ starts: [0, 2, 8, 11, 22, 27], ends: [1, 7, 10, 20, 26, 31] });
  });

  it('does not join across a joiner that no letter or digit follows, or two joiners', () => {
    expect(of("end- of 'quote' a--b x'-y")).toEqual(byRegex("end- of 'quote' a--b x'-y"));
    expect(of("rock'n'roll's")).toEqual({ starts: [0], ends: [13] });
  });

  it('counts code points, not bytes or UTF-16 units: accents, CJK, emoji, astral letters', () => {
    const text = 'Zoë 😀 said 日本語 𝐀𝐁 ok ٣٤ café—done';
    expect(of(text)).toEqual(byRegex(text));
    expect(of('😀a')).toEqual({ starts: [1], ends: [2] });
  });

  it('keeps combining marks, marks and symbols out of words as the regex does', () => {
    const text = 'cafe\u0301 na\u00efve ™x ²3 ⅷ 〇';
    expect(of(text)).toEqual(byRegex(text));
  });

  it('handles an empty text, a text of one word and a text ending on a joiner', () => {
    expect(of('')).toEqual({ starts: [], ends: [] });
    expect(of('word')).toEqual({ starts: [0], ends: [4] });
    expect(of("words'")).toEqual({ starts: [0], ends: [5] });
  });

  it('gives the words of wordUnits and of the regex on random texts', () => {
    const alphabet = ['a', 'Z', '7', ' ', '\n', "'", '’', '-', '—', '.', 'é', 'ß', '日', '😀', '𝐀', '\u0301', '٣', '\t', ',', 'Ω'];
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = random(seed);
      let text = '';
      for (let n = Math.floor(rnd() * 80); n > 0; n--) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const got = utf8WordBounds(bytes(text));
      const grid = wordUnits(text);
      if (grid.kind !== 'spans') throw new Error('word units are spans');
      expect([...got.starts], text).toEqual([...grid.starts]);
      expect([...got.ends], text).toEqual([...grid.starts].map((_, i) => grid.end(i)));
      expect({ starts: [...got.starts], ends: [...got.ends] }, text).toEqual(byRegex(text));
    }
  });
});
