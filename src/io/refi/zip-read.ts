/**
 * Reads the entries of a zip archive with Node's native inflate (fflate's JavaScript
 * inflate took a second for a 1,000-source project). Stored and deflated entries; an
 * archive this cannot read (ZIP64, other methods) falls back to fflate. Each entry is
 * inflated when it is read, and not kept: a project's texts are never all in memory twice.
 * No entry may inflate past `maxEntryBytes` (a zip bomb): refused by its declared size, and
 * inflating stops at the limit, since the declared size can lie.
 */
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { InputError } from '../../core/errors.js';

/** The most one entry of a .qdpx may inflate to: a 1,000,000-coding project.qde is ~300 MB. */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export function unzipFiles(bytes: Uint8Array, maxEntryBytes = MAX_ENTRY_BYTES): Record<string, Uint8Array> {
  const fallback = () => unzipSync(bytes, { filter: (f) => (f.originalSize > maxEntryBytes ? tooLarge(f.name, maxEntryBytes) : true) });
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) return fallback(); // fflate names the problem
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return fallback();
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) return fallback();
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if ((method !== 0 && method !== 8) || compressed === 0xffffffff || buf.readUInt32LE(local) !== 0x04034b50) return fallback();
    if (declared > maxEntryBytes || (method === 0 && compressed > maxEntryBytes)) tooLarge(name, maxEntryBytes);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    Object.defineProperty(files, name, {
      enumerable: true,
      get: () => {
        if (method === 0) return data;
        try {
          return inflateRawSync(data, { maxOutputLength: maxEntryBytes });
        } catch (cause) {
          if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') tooLarge(name, maxEntryBytes);
          throw new InputError(`${name}: damaged in the archive (${(cause as Error).message})`, { code: 'E_ZIP', cause });
        }
      },
    });
  }
  return files;
}

function tooLarge(name: string, max: number): never {
  throw new InputError(`${name}: inflates to more than ${Math.round(max / 1024 / 1024)} MB (a damaged archive or a zip bomb); nothing was imported`, { code: 'E_ZIP_TOO_LARGE' });
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
