/**
 * Reads one transcript file into normalised text (DESIGN.md, "normalised text"), with
 * its front matter, its encoding, and for timed formats the labels and times per turn.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { splitFrontMatter } from '../core/front-matter.js';
import { normaliseLineEnds, normaliseText } from '../core/text.js';
import type { LabelFinder } from '../core/turns.js';
import { cuesToText } from './cue-turns.js';
import { decodeText } from './decode.js';
import { docxToText } from './docx.js';
import { odtToText } from './odt.js';
import { rtfToText } from './rtf.js';
import { parseSrt } from './srt.js';
import { parseVtt } from './vtt.js';
import { parseYamlMapping } from './yaml.js';

export const TRANSCRIPT_FORMATS = ['txt', 'md', 'vtt', 'srt', 'docx', 'pdf', 'odt', 'rtf'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** The default refusal limit: far above any transcript, below what would hurt memory. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface RawTranscript {
  format: TranscriptFormat;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`, or `docx`, `pdf`, `odt`, `rtf`. */
  encoding: string;
  text: string;
  frontMatter: Record<string, unknown> | null;
  /** Labels known from the file's structure (.vtt, .srt); else they are detected. */
  labelAt: LabelFinder | null;
  turnStartMs: number[] | null;
  durationSec: number | null;
}

/** The extensions qcode reads, for messages: `.txt, .md, …`. */
export function formatNames(): string {
  return TRANSCRIPT_FORMATS.map((f) => `.${f}`).join(', ');
}

/** The transcript format of a path by its extension, or null for other files. */
export function formatOf(path: string): TranscriptFormat | null {
  const ext = extname(path).slice(1).toLowerCase();
  return (TRANSCRIPT_FORMATS as readonly string[]).includes(ext) ? (ext as TranscriptFormat) : null;
}

/**
 * Reads and normalises `path`; `shown` is how messages name it. Throws InputError for
 * empty, binary, oversized or undecodable files. Synchronous on purpose: ingest reads
 * inside its one write transaction, where nothing may be awaited; a PDF's text (which
 * pdf.js reads asynchronously) is extracted before, with `extractPdfText`, and passed in.
 */
export function readTranscript(path: string, shown: string, maxBytes = DEFAULT_MAX_BYTES, pdf?: PdfExtraction): RawTranscript {
  const format = formatOf(path);
  if (format === null) throw new InputError(`${shown}: not a transcript format qcode reads`, { hint: `use ${formatNames()}` });
  if (format === 'pdf') {
    if (pdf === undefined) throw new Error(`${shown}: the PDF text was not extracted before reading`);
    if ('error' in pdf) throw pdf.error;
    return checked({ format, encoding: 'pdf', text: normaliseText(pdf.text), frontMatter: null, labelAt: null, turnStartMs: null, durationSec: null }, shown, maxBytes);
  }
  // The limit is on the text qcode stores. A Word or OpenDocument file's images and fonts add
  // bytes but no text, so the file itself may be larger; its text part is limited while unpacking.
  const zipped = format === 'docx' || format === 'odt';
  const bytes = readChecked(path, shown, maxBytes, zipped ? maxBytes * ZIPPED_FILE_FACTOR : maxBytes);
  const raw = format === 'docx' || format === 'odt' || format === 'rtf' ? readDocument(format, bytes, shown, maxBytes) : readTextual(format, bytes, shown);
  return checked(raw, shown, maxBytes);
}

function checked(raw: RawTranscript, shown: string, maxBytes: number): RawTranscript {
  if (raw.text.trim().length === 0) {
    throw new InputError(`${shown}: has no transcript text`, { code: 'E_EMPTY', hint: 'remove it or add the transcript text' });
  }
  // A document's text can be far larger than its compressed file: the limit holds for both.
  const textBytes = Buffer.byteLength(raw.text, 'utf8');
  if (textBytes > maxBytes) {
    throw new InputError(`${shown}: its text is ${mb(textBytes)} MB, over the ${mb(maxBytes)} MB limit`, {
      code: 'E_TOO_BIG',
      hint: 'split the file, or raise the limit with --max-size MB',
    });
  }
  return raw;
}

/** A PDF's text, or the reason it has none. */
export type PdfExtraction = { text: string } | { error: InputError };

/** Extracts a PDF's text (asynchronously, before ingest's transaction), with the same limits as every reader. */
export async function extractPdfText(path: string, shown: string, maxBytes = DEFAULT_MAX_BYTES): Promise<PdfExtraction> {
  try {
    const bytes = readChecked(path, shown, maxBytes);
    const { pdfToText } = await import('./pdf.js');
    return { text: await pdfToText(bytes, shown) };
  } catch (e) {
    if (e instanceof InputError) return { error: e };
    throw e;
  }
}

/** How much larger than the limit a .docx or .odt file may be (images, fonts), its text still limited. */
const ZIPPED_FILE_FACTOR = 4;

/** Megabytes for messages: `1.4`, `50`, `0.5`. */
function mb(bytes: number): string {
  return String(Number((bytes / 1048576).toFixed(1)));
}

function readDocument(format: 'docx' | 'odt' | 'rtf', bytes: Uint8Array, shown: string, maxBytes: number): RawTranscript {
  const text = normaliseText(format === 'docx' ? docxToText(bytes, shown, maxBytes) : format === 'odt' ? odtToText(bytes, shown, maxBytes) : rtfToText(bytes, shown));
  return { format, encoding: format, text, frontMatter: null, labelAt: null, turnStartMs: null, durationSec: null };
}

function readTextual(format: 'txt' | 'md' | 'vtt' | 'srt', bytes: Uint8Array, shown: string): RawTranscript {
  const decoded = decodeText(bytes, shown);
  const lf = normaliseLineEnds(decoded.text);
  const base = { format, encoding: decoded.encoding, frontMatter: null, labelAt: null, turnStartMs: null, durationSec: null };
  if (format === 'vtt' || format === 'srt') {
    return { ...base, ...readTimed(format, lf, shown) };
  }
  const split = splitFrontMatter(lf);
  if (split.unclosed) {
    throw new InputError(`${shown}: line 1: front matter opened with --- is never closed`, {
      code: 'E_FRONT_MATTER',
      hint: 'add a --- line after the last key: value line, or remove the --- on line 1',
    });
  }
  const frontMatter = split.yaml === null ? null : parseYamlMapping(split.yaml, shown, 1);
  return { ...base, text: split.body.normalize('NFC'), frontMatter };
}

function readTimed(format: 'vtt' | 'srt', text: string, shown: string): Pick<RawTranscript, 'text' | 'labelAt' | 'turnStartMs' | 'durationSec'> {
  return cuesToText(format === 'vtt' ? parseVtt(text, shown) : parseSrt(text, shown));
}

/** The file's bytes, refused when unreadable, not a regular file, empty or over `fileLimit` (default the limit). */
function readChecked(path: string, shown: string, maxBytes: number, fileLimit = maxBytes): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    // Never open a FIFO or device: reading one could block for ever.
    if (!stat.isFile()) throw new InputError(`${shown}: not a regular file (a FIFO, device or socket)`, { code: 'E_NOT_FILE' });
    size = stat.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${shown}: cannot be read (${readError(e)})`, { code: 'E_READ' });
  }
  if (size > fileLimit) {
    const why = fileLimit === maxBytes ? '' : ` for a document file (four times the ${mb(maxBytes)} MB limit on its text)`;
    throw new InputError(`${shown}: ${mb(size)} MB is over the ${mb(fileLimit)} MB limit${why}`, {
      code: 'E_TOO_BIG',
      hint: 'split the file, or raise the limit with --max-size MB',
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${readError(e)})`, { code: 'E_READ' });
  }
  if (bytes.length === 0) throw new InputError(`${shown}: the file is empty`, { code: 'E_EMPTY', hint: 'remove it or add the transcript text' });
  return bytes;
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
}
