/**
 * Decoding of transcript bytes (DESIGN.md, "normalised text"): UTF-8 with or without BOM,
 * UTF-16 with BOM; otherwise Windows-1252. Binary files are refused.
 */
import { InputError } from '../core/errors.js';
import { decodeWindows1252 } from './windows-1252.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** Decodes `bytes`; `file` names the file in error messages. */
export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3), file), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: strict('utf-16le', bytes.subarray(2), file), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: strict('utf-16be', bytes.subarray(2), file), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) {
    throw new InputError(`${file}: looks like a binary file, not a transcript`, {
      code: 'E_BINARY',
      hint: 'save it as .txt, .md, .vtt, .srt or .docx',
    });
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function strict(label: string, bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: starts with a ${label.toUpperCase()} byte-order mark but is not valid ${label.toUpperCase()}`, {
      code: 'E_DECODE',
      hint: 're-save the file as UTF-8',
    });
  }
}

/** NUL bytes, or many control characters, in the first 8 KiB mean a binary file. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.1;
}
