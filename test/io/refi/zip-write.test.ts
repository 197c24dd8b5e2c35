/**
 * A zip written entry by entry: an entry given in pieces is deflated piece by piece (each
 * ending on a sync flush, an empty final block after the last) and must read back as the
 * pieces joined, with their CRC-32 and sizes in its headers; entries given whole are the
 * bytes zipFiles always wrote.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipStream, zipFiles } from '../../../src/io/refi/zip-write.js';
import { mulberry32 as random } from '../../support/random.js';

/** The entries of an archive as its local headers say, each inflated from its own bytes. */
function entries(zip: Buffer): { name: string; crc: number; size: number; data: Buffer }[] {
  const out = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const crc = zip.readUInt32LE(at + 14);
    const packed = zip.readUInt32LE(at + 18);
    const size = zip.readUInt32LE(at + 22);
    const nameLength = zip.readUInt16LE(at + 26);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength;
    out.push({ name, crc, size, data: inflateRawSync(zip.subarray(start, start + packed)) });
    at = start + packed;
  }
  return out;
}

describe('ZipStream', () => {
  it('writes an entry given in pieces as one deflate stream, with the CRC and size of the whole', () => {
    const rnd = random(4);
    const pieces = [Buffer.from('<?xml version="1.0"?>\n<Project>'), Buffer.alloc(0), Buffer.from(Array.from({ length: 200_000 }, () => 'abcdefgh '[Math.floor(rnd() * 9)]).join('')), Buffer.from('Zoë 😀</Project>\n')];
    const parts: Uint8Array[] = [];
    const zip = new ZipStream((b) => parts.push(b));
    const qde = zip.pieces('project.qde');
    for (const p of pieces) qde.push(p);
    qde.end();
    zip.add('Sources/a.txt', Buffer.from('one text'));
    zip.end();
    const bytes = Buffer.concat(parts);
    const whole = Buffer.concat(pieces);
    const [first, second] = entries(bytes);
    expect(first).toEqual({ name: 'project.qde', crc: crc32(whole), size: whole.length, data: whole });
    expect(second!.data.toString()).toBe('one text');
    // What another reader makes of it (central directory included).
    expect(Object.keys(unzipSync(bytes))).toEqual(['project.qde', 'Sources/a.txt']);
    expect(Buffer.from(unzipSync(bytes)['project.qde']!)).toEqual(whole);
  });

  it('writes entries given whole as zipFiles does, and an entry of no pieces as empty', () => {
    const files = [{ name: 'a.txt', data: Buffer.from('first') }, { name: 'b/ü.txt', data: Buffer.from('second entry') }];
    const write = (withEmpty: boolean): Buffer => {
      const parts: Uint8Array[] = [];
      const zip = new ZipStream((b) => parts.push(b));
      for (const f of files) zip.add(f.name, f.data);
      if (withEmpty) zip.pieces('empty.txt').end();
      zip.end();
      return Buffer.concat(parts);
    };
    expect(write(false)).toEqual(zipFiles(files));
    const bytes = write(true);
    expect(entries(bytes).map((e) => [e.name, e.data.toString(), e.size])).toEqual([['a.txt', 'first', 5], ['b/ü.txt', 'second entry', 12], ['empty.txt', '', 0]]);
    expect(Object.keys(unzipSync(bytes))).toEqual(['a.txt', 'b/ü.txt', 'empty.txt']);
  });
});
