/**
 * Reads the entries of a zip archive with Node's native inflate (fflate's JavaScript
 * inflate took a second for a 1,000-source project). Stored and deflated entries; an
 * archive this cannot read (ZIP64, other methods) falls back to fflate. Each entry is
 * inflated when it is read, and not kept: a project's texts are never all in memory twice.
 */
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { InputError } from '../../core/errors.js';

export function unzipFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return unzipSync(bytes); // fflate names the problem
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return unzipSync(bytes);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) return unzipSync(bytes);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if ((method !== 0 && method !== 8) || compressed === 0xffffffff || buf.readUInt32LE(local) !== 0x04034b50) return unzipSync(bytes);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    Object.defineProperty(files, name, {
      enumerable: true,
      get: () => {
        if (method === 0) return data;
        try {
          return inflateRawSync(data);
        } catch (cause) {
          throw new InputError(`${name}: damaged in the archive (${(cause as Error).message})`, { code: 'E_ZIP', cause });
        }
      },
    });
  }
  return files;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
