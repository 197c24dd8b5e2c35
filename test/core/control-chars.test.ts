import { describe, expect, it } from 'vitest';
import { escapeControls, unsafeCharIn } from '../../src/core/control-chars.js';

describe('control characters in user data', () => {
  it('finds the first unsafe character, escaped', () => {
    expect(unsafeCharIn('P01_T1')).toBeNull();
    expect(unsafeCharIn('café 50002 – ok')).toBeNull();
    expect(unsafeCharIn('a\nb')).toBe('\\n');
    expect(unsafeCharIn('a\u001b[2Jb')).toBe('\\x1b');
    expect(unsafeCharIn('x\u0085')).toBe('\\x85');
    expect(unsafeCharIn('abc\u202Eexe.txt')).toBe('\\u202e');
    expect(unsafeCharIn('a\u007fb')).toBe('\\x7f');
  });

  it('escapes every one, leaving other text alone', () => {
    expect(escapeControls('a\tb\r\nc\u001bd\u2028é')).toBe('a\\tb\\r\\nc\\x1bd\\u2028é');
  });
});

describe('escapeControls, its quick check', () => {
  it('leaves a string alone exactly when the regex finds nothing to escape, for every UTF-16 unit', () => {
    const unsafe = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      const out = escapeControls(s);
      expect([c, out === s]).toEqual([c, !unsafe.test(s)]);
    }
    expect(escapeControls('● – · 😀 é')).toBe('● – · 😀 é');
    expect(escapeControls('x\u0085y\u202Ez\u2069')).toBe('x\\x85y\\u202ez\\u2069');
  });
});
