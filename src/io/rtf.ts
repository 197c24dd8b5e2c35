import { InputError } from '../core/errors.js';
import { decodeWindows1252 } from './windows-1252.js';

// Destinations whose content is not the body's text: tables of fonts, colours and styles,
// document information, pictures, objects, headers, footers, notes, comments, field
// instructions (a field's result is kept), the bullets lists repeat, bookmarks.
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'info', 'pict', 'object',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation',
  'atnid', 'atnauthor', 'fldinst', 'listtext', 'pntext', 'pntxta', 'pntxtb', 'xmlnstbl', 'themedata', 'colorschememapping',
  'datastore', 'latentstyles', 'generator', 'filetbl', 'bkmkstart', 'bkmkend', 'nonshppict', 'shppict', 'sp', 'shp',
]);
const SYMBOLS: Record<string, string> = {
  par: '\n', line: '\n', sect: '\n', page: '\n', row: '\n', tab: '\t', cell: '\t', emdash: '—', endash: '–',
  lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', bullet: '•', emspace: ' ', enspace: ' ', qmspace: ' ',
};

interface Group {
  skip: boolean;
  /** Characters to skip after a \uN escape (\ucN). */
  uc: number;
}

/**
 * Reads the text of an RTF file (what Word, WordPad and transcription services save):
 * one line per paragraph (`\par`, `\line`, table rows), `\tab` and table cells as tabs;
 * `\'hh` bytes decoded in the file's code page (`\ansicpg`, default Windows-1252), `\uN`
 * escapes with their `\ucN` fallbacks skipped; `{\*…}` destinations, font, colour and
 * style tables, headers, footers, notes and pictures left out. Not yet NFC-normalised.
 */
export function rtfToText(bytes: Uint8Array, file: string): string {
  const src = decodeWindows1252(bytes);
  if (!src.startsWith('{\\rtf')) throw new InputError(`${file}: not an RTF file (it does not start with {\\rtf)`, { code: 'E_RTF', hint: 'save the transcript again as Rich Text Format (.rtf), or as .docx or .txt' });
  let codePage = 1252;
  const out: string[] = [];
  let pending: number[] = []; // \'hh bytes, decoded together (double-byte code pages)
  const flush = (): void => {
    if (pending.length === 0) return;
    out.push(decodeBytes(Uint8Array.from(pending), codePage));
    pending = [];
  };
  const stack: Group[] = [];
  let g: Group = { skip: false, uc: 1 };
  let skipChars = 0; // fallback characters still to skip after \uN
  let i = 0;
  let groupStart = false; // just after '{': the next control word may name a destination
  const emit = (s: string): void => {
    if (g.skip) return;
    if (skipChars > 0) {
      skipChars--;
      return;
    }
    flush();
    out.push(s);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '{') {
      stack.push(g);
      g = { ...g };
      groupStart = true;
      skipChars = 0;
      i++;
      continue;
    }
    if (c === '}') {
      g = stack.pop() ?? g;
      groupStart = false;
      skipChars = 0;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (next === '*') {
        if (groupStart) g.skip = true;
        i += 2;
        continue;
      }
      if (next === "'") {
        const byte = parseInt(src.slice(i + 2, i + 4), 16);
        i += 4;
        groupStart = false;
        if (g.skip || Number.isNaN(byte)) continue;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        pending.push(byte);
        continue;
      }
      if (!/[a-zA-Z]/.test(next)) {
        // Control symbols: escaped braces and backslash, non-breaking space and hyphen.
        const sym: Record<string, string> = { '\\': '\\', '{': '{', '}': '}', '~': '\u00a0', _: '\u2011', '-': '', '\n': '\n', '\r': '\n' };
        if (next in sym) emit(sym[next]!);
        i += 2;
        groupStart = false;
        continue;
      }
      const m = /^([a-zA-Z]+)(-?\d+)? ?/.exec(src.slice(i + 1, i + 40))!;
      i += 1 + m[0].length;
      const word = m[1]!;
      const arg = m[2] === undefined ? null : Number(m[2]);
      if (groupStart && SKIPPED.has(word)) g.skip = true;
      groupStart = false;
      if (word === 'ansicpg' && arg !== null) codePage = arg;
      else if (word === 'uc' && arg !== null) g.uc = arg;
      else if (word === 'u' && arg !== null) {
        if (!g.skip) {
          flush();
          out.push(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
        }
        skipChars = g.uc;
      } else if (word === 'bin' && arg !== null) i += arg;
      else if (word in SYMBOLS) emit(SYMBOLS[word]!);
      continue;
    }
    groupStart = false;
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    emit(c);
    i++;
  }
  flush();
  return out.join('').replace(/\n+$/, '');
}

function decodeBytes(bytes: Uint8Array, codePage: number): string {
  if (codePage === 1252) return decodeWindows1252(bytes);
  const label = codePage === 65001 ? 'utf-8' : codePage === 932 ? 'shift_jis' : codePage === 936 ? 'gbk' : codePage === 949 ? 'euc-kr' : codePage === 950 ? 'big5' : `windows-${codePage}`;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
