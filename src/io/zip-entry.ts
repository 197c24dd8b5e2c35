/**
 * Reads one entry of a zip archive (a .docx part) within a byte budget, so that a small
 * archive cannot expand into gigabytes (a "zip bomb"): the entry is refused when its
 * declared size is over the budget, and inflating stops as soon as the output passes
 * the budget, since the declared size can lie. Format: PKWARE APPNOTE.TXT, sections
 * 4.3.7 (local header), 4.3.12 (central directory header) and 4.3.16 (end record).
 */
import { Inflate } from 'fflate';
import { InputError } from '../core/errors.js';

/** Why an entry could not be read; the caller words the message. */
export type ZipFailure =
  | { kind: 'not-zip' }
  | { kind: 'missing' }
  | { kind: 'method'; method: number }
  | { kind: 'corrupt'; why: string }
  | { kind: 'too-big'; declared: number | null };

export type ZipEntryResult = { ok: true; data: Uint8Array } | ({ ok: false } & ZipFailure);

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// DEFLATE expands at most ~1032:1, so one pushed chunk inflates to at most ~8 MB past the budget.
const CHUNK = 8 * 1024;

/** The bytes of entry `name`, inflated to at most `maxBytes` bytes. */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes: number): ZipEntryResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) return { ok: false, kind: 'not-zip' };
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const wanted = new TextEncoder().encode(name);
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return { ok: false, kind: 'corrupt', why: 'damaged central directory' };
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (sameBytes(bytes.subarray(at + 46, at + 46 + nameLength), wanted)) {
      const method = view.getUint16(at + 10, true);
      const compressed = view.getUint32(at + 20, true);
      const declared = view.getUint32(at + 24, true);
      // 0xFFFFFFFF means "see the ZIP64 field": unknown here, so only the budget guards it.
      if (declared !== 0xffffffff && declared > maxBytes) return { ok: false, kind: 'too-big', declared };
      return entryData(bytes, view, view.getUint32(at + 42, true), method, compressed, maxBytes);
    }
    at = next;
  }
  return { ok: false, kind: 'missing' };
}

function entryData(bytes: Uint8Array, view: DataView, local: number, method: number, compressed: number, maxBytes: number): ZipEntryResult {
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) return { ok: false, kind: 'corrupt', why: 'damaged local header' };
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const stop = compressed === 0xffffffff ? bytes.length : Math.min(bytes.length, start + compressed);
  const input = bytes.subarray(start, stop);
  if (method === 0) {
    return input.length > maxBytes ? { ok: false, kind: 'too-big', declared: null } : { ok: true, data: input.slice() };
  }
  if (method !== 8) return { ok: false, kind: 'method', method };
  return inflateWithin(input, maxBytes);
}

/** Inflates raw DEFLATE data chunk by chunk, stopping as soon as the output passes `maxBytes`. */
function inflateWithin(input: Uint8Array, maxBytes: number): ZipEntryResult {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = 0; at < input.length && !over; at += CHUNK) {
      inflater.push(input.subarray(at, at + CHUNK), at + CHUNK >= input.length);
    }
  } catch (e) {
    return { ok: false, kind: 'corrupt', why: e instanceof Error ? e.message : String(e) };
  }
  if (over) return { ok: false, kind: 'too-big', declared: null };
  const data = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.length;
  }
  return { ok: true, data };
}

/** Offset of the end-of-central-directory record, searched from the end (it may carry a comment). */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What a document format is called in messages, its error code and the hint for a damaged file. */
export interface ZipDocument {
  /** e.g. `a Word .docx file` */
  what: string;
  code: string;
  hint: string;
}

/**
 * The bytes of `part` in the document `bytes`, unpacked to at most `maxBytes`; every
 * failure is an input error naming `file`.
 */
export function readZipPart(bytes: Uint8Array, part: string, file: string, maxBytes: number, doc: ZipDocument): Uint8Array {
  const entry = readZipEntry(bytes, part, maxBytes);
  if (entry.ok) return entry.data;
  if (entry.kind === 'too-big') {
    const what = entry.declared === null ? 'unpacks to more than' : `would unpack to ${mb(entry.declared)} MB, over`;
    throw new InputError(`${file}: ${part} ${what} the ${mb(maxBytes)} MB limit`, {
      code: 'E_TOO_BIG',
      hint: 'split the document, or raise the limit with --max-size MB',
    });
  }
  const why = entry.kind === 'not-zip' ? 'not a zip archive'
    : entry.kind === 'missing' ? `no ${part} inside`
    : entry.kind === 'method' ? `${part} is compressed with method ${entry.method}, which no word processor uses`
    : `damaged zip archive: ${entry.why}`;
  throw new InputError(`${file}: not ${doc.what} (${why})`, { code: doc.code, hint: doc.hint });
}

/**
 * The text `toText` makes of the XML `part` of a zipped document (read as readZipPart reads
 * it); XML that is not UTF-8 or not well-formed is an input error naming `file` and the part.
 */
export function zipPartText(bytes: Uint8Array, part: string, file: string, maxBytes: number, doc: ZipDocument, toText: (xml: string) => string): string {
  const xml = readZipPart(bytes, part, file, maxBytes, doc);
  try {
    return toText(new TextDecoder('utf-8', { fatal: true }).decode(xml));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new InputError(`${file}: ${part} is not well-formed XML (${why})`, { code: `${doc.code}_XML`, hint: doc.hint, cause });
  }
}

function mb(bytes: number): string {
  return String(Number((bytes / 1048576).toFixed(1)));
}
