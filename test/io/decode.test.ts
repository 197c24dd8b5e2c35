import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decode.js';
import { InputError } from '../../src/core/errors.js';

const bytes = (...xs: number[]) => Uint8Array.from(xs);

describe('decodeText (DESIGN.md "normalised text")', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('café’'), 'f')).toEqual({ text: 'café’', encoding: 'utf-8' });
  });
  it('drops a UTF-8 BOM and says so', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x68, 0x69), 'f')).toEqual({ text: 'hi', encoding: 'utf-8-bom' });
  });
  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x68, 0, 0xe9, 0), 'f')).toEqual({ text: 'hé', encoding: 'utf-16le' });
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x68, 0x20, 0x19), 'f')).toEqual({ text: 'h’', encoding: 'utf-16be' });
  });
  it('falls back to Windows-1252, mapping 0x80–0x9F as Windows does (not as Latin-1)', () => {
    const d = decodeText(bytes(0x93, 0x49, 0x92, 0x6d, 0x94, 0x20, 0x96, 0x20, 0xe9, 0x80), 'f');
    expect(d).toEqual({ text: '“I’m” – é€', encoding: 'windows-1252' });
  });
  it('refuses binary files naming the file', () => {
    expect(() => decodeText(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14), 'photo.txt')).toThrow(InputError);
    expect(() => decodeText(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0), 'photo.txt')).toThrow(/photo\.txt/);
  });
  it('refuses a UTF-16 BOM followed by an odd half character', () => {
    expect(() => decodeText(bytes(0xff, 0xfe, 0x68, 0, 0xd8), 'f')).toThrow(/not valid UTF-16LE/);
  });
});
