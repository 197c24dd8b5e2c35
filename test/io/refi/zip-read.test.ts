/**
 * A .qdpx is a zip that someone sent: an entry may not inflate past the limit, whether its
 * central directory says so (refused before inflating) or lies about it (inflating stops).
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unzipFiles } from '../../../src/io/refi/zip-read.js';

const MB = 1024 * 1024;
const zeros = zipSync({ 'project.qde': new Uint8Array(3 * MB) }, { level: 9 });

/** The archive with the central directory's uncompressed size of its one entry set to `size`. */
function declaring(zip: Uint8Array, size: number): Uint8Array {
  const out = Buffer.from(zip);
  const central = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt32LE(size, central + 24);
  return out;
}

describe('unzipFiles', () => {
  it('reads an entry within the limit', () => {
    expect(unzipFiles(zeros, 4 * MB)['project.qde']!.length).toBe(3 * MB);
  });

  it('refuses an entry whose declared size is over the limit, before inflating it', () => {
    expect(() => unzipFiles(zeros, 1 * MB)).toThrow(/project\.qde: inflates to more than 1 MB \(a damaged archive or a zip bomb\)/);
  });

  it('stops inflating at the limit when the declared size lies', () => {
    const files = unzipFiles(declaring(zeros, 100), 1 * MB);
    expect(() => files['project.qde']).toThrow(/project\.qde: inflates to more than 1 MB/);
  });
});
