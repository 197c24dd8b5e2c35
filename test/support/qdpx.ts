/** Small REFI-QDA project files built the way each exporter writes them. */
import { zipSync } from 'fflate';

let n = 0;
/** A fresh GUID-shaped id (deterministic per test run). */
export function guid(): string {
  n++;
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** UTF-16LE with a byte-order mark, as Windows programs write "Unicode" text. */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

/** A .qdpx: project.qde plus files (e.g. `Sources/<guid>.txt`). */
export function qdpx(projectXml: string, files: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ 'project.qde': enc(projectXml), ...files });
}

/** The start and end of `quote` in `text` in UTF-16 units (NVivo for Windows counts these). */
export function utf16Span(text: string, quote: string, from = 0): [number, number] {
  const i = text.indexOf(quote, from);
  if (i < 0) throw new Error(`not in text: ${quote}`);
  return [i, i + quote.length];
}

/** The start and end of `quote` in `text` in code points. */
export function cpSpan(text: string, quote: string, from = 0): [number, number] {
  const i = text.indexOf(quote, from);
  if (i < 0) throw new Error(`not in text: ${quote}`);
  const cps = (s: string): number => Array.from(s).length;
  return [cps(text.slice(0, i)), cps(text.slice(0, i)) + cps(quote)];
}
