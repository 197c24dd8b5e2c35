import { describe, expect, it } from 'vitest';
import { Utf8Offsets } from '../../src/core/utf8-offsets.js';

/** The reference: the UTF-8 length of the first `cp` code points. */
function byteOfRef(text: string, cp: number): number {
  return Buffer.byteLength([...text].slice(0, cp).join(''), 'utf8');
}

/** `bytes` copied to start `shift` bytes into a larger buffer (not four-byte aligned). */
function shifted(bytes: Buffer, shift: number): Buffer {
  const big = Buffer.alloc(bytes.length + shift + 3);
  bytes.copy(big, shift);
  return big.subarray(shift, shift + bytes.length);
}

describe('Utf8Offsets', () => {
  const texts = [
    '',
    'plain ASCII, nothing else',
    'I couldn’t sleep… “really”',
    'é', 'aé', 'abé', 'abcé', 'abcdé', '€€€€€€€€', '😀', 'x😀y', '😀😀😀😀😀',
    'Grüße aus Köln — 東京 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 at the end',
    `${'a'.repeat(1001)}ü${'b'.repeat(7)}中${'c'.repeat(3)}😀`,
  ];
  // Random texts over ASCII and characters of two, three and four bytes.
  const alphabet = ['a', 'b', ' ', '\n', 'é', 'ß', '€', '…', '中', '😀', '𝔘'];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let t = 0; t < 40; t++) texts.push(Array.from({ length: rnd(60) }, () => alphabet[rnd(alphabet.length)]).join(''));

  it('gives the byte offset of every code point, aligned or not', () => {
    for (const text of texts) {
      const cps = [...text].length;
      for (let shift = 0; shift < 4; shift++) {
        const o = new Utf8Offsets(shifted(Buffer.from(text, 'utf8'), shift));
        expect(o.length).toBe(cps);
        expect(o.isIdentity).toBe(Buffer.byteLength(text) === text.length);
        for (let cp = 0; cp <= cps; cp++) expect(o.byteOf(cp), `${JSON.stringify(text)} at ${cp}`).toBe(byteOfRef(text, cp));
      }
    }
  });

  it('gives null outside the text', () => {
    const o = new Utf8Offsets(Buffer.from('ü😀x'));
    expect([o.byteOf(-1), o.byteOf(4), o.byteOf(3), o.byteOf(0)]).toEqual([null, null, 7, 0]);
  });
});
