import { describe, expect, it } from 'vitest';
import { CodePointMap, sliceCodePoints, codePointLength } from '../../src/core/code-points.js';

describe('CodePointMap (DESIGN.md "position")', () => {
  it('is the identity for BMP text', () => {
    const m = new CodePointMap('héllo wörld');
    expect(m.isIdentity).toBe(true);
    expect(m.toCodePoint(5)).toBe(5);
    expect(m.toUtf16(5)).toBe(5);
  });

  it('converts both ways around astral characters', () => {
    const text = 'a😀b𝒳c😀';
    const m = new CodePointMap(text);
    expect(m.length).toBe(6);
    expect(text.length).toBe(9);
    const cps = [0, 1, 2, 3, 4, 5, 6];
    const u16 = [0, 1, 3, 4, 6, 7, 9];
    cps.forEach((cp, i) => {
      expect(m.toUtf16(cp)).toBe(u16[i]);
      expect(m.toCodePoint(u16[i]!)).toBe(cp);
    });
    expect(sliceCodePoints(text, 3, 5)).toBe('𝒳c');
    expect(codePointLength(text)).toBe(6);
  });
});
