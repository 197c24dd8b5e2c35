import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { zipPartText } from './zip-entry.js';

const MAIN_PART = 'content.xml';
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const DRAW = 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0';

// Content that is not the body's flow of talk: comments, footnotes and endnotes, tracked
// deletions, the text of frames and shapes, and the bullets a list repeats.
const SKIPPED = new Set([`${OFFICE} annotation`, `${TEXT} note`, `${TEXT} tracked-changes`, `${TEXT} list-header`, `${TEXT} sequence-decls`, `${DRAW} frame`, `${DRAW} custom-shape`]);

/**
 * Reads the body text of an OpenDocument text file (.odt, LibreOffice): one line per
 * paragraph or heading, `text:line-break` as a line break, `text:tab` as a tab,
 * `text:s` as its spaces, each table row as one line with its cells separated by tabs.
 * Comments, notes, tracked deletions and frames are left out, as .docx does. The result is
 * not yet NFC-normalised.
 */
export function odtToText(bytes: Uint8Array, file: string, maxBytes = Number.MAX_SAFE_INTEGER): string {
  const hint = 'Open it in LibreOffice or Word and save it again as .odt, or as .docx.';
  // Unpacked within the size limit: a small archive must not expand into gigabytes.
  return zipPartText(bytes, MAIN_PART, file, maxBytes, { what: 'an OpenDocument .odt file', code: 'E_ODT', hint }, bodyText);
}

function bodyText(xml: string): string {
  const containers: string[][] = [[]];
  const rows: string[][] = [];
  const tables: string[][] = [];
  const paragraphs: string[] = [];
  let inBody = false;
  let skipDepth = 0;
  let depth = 0;
  const parser = new SaxesParser({ xmlns: true });
  const append = (s: string): void => {
    if (paragraphs.length > 0) paragraphs[paragraphs.length - 1] += s;
  };
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (skipDepth > 0) return;
    if (tag.uri === OFFICE && tag.local === 'text') inBody = true;
    if (!inBody) return;
    if (SKIPPED.has(`${tag.uri} ${tag.local}`)) {
      skipDepth = depth;
      return;
    }
    if (tag.uri === TEXT) {
      if (tag.local === 'p' || tag.local === 'h') paragraphs.push('');
      else if (tag.local === 'line-break') append('\n');
      else if (tag.local === 'tab') append('\t');
      else if (tag.local === 's') {
        const c = Object.values(tag.attributes).find((a) => a.local === 'c' && a.uri === TEXT)?.value;
        append(' '.repeat(Math.max(1, Math.min(1000, Number(c ?? '1') || 1))));
      }
    } else if (tag.uri === TABLE) {
      if (tag.local === 'table-cell') containers.push([]);
      else if (tag.local === 'table-row') rows.push([]);
      else if (tag.local === 'table') tables.push([]);
    }
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    depth--;
    if (skipDepth > 0) {
      if (depth < skipDepth) skipDepth = 0;
      return;
    }
    if (tag.uri === OFFICE && tag.local === 'text') inBody = false;
    if (!inBody) return;
    const top = containers[containers.length - 1]!;
    if (tag.uri === TEXT && (tag.local === 'p' || tag.local === 'h')) top.push(paragraphs.pop() ?? '');
    else if (tag.uri === TABLE && tag.local === 'table-cell') {
      containers.pop();
      const cell = top.filter((item) => item !== '').join(' ').replace(/[\n\t]/g, ' ');
      rows[rows.length - 1]?.push(cell);
    } else if (tag.uri === TABLE && tag.local === 'table-row') tables[tables.length - 1]?.push((rows.pop() ?? []).join('\t'));
    else if (tag.uri === TABLE && tag.local === 'table') containers[containers.length - 1]!.push(...(tables.pop() ?? []));
  });
  parser.on('text', (t: string) => {
    // Outside text:s, runs of white space in ODF paragraphs collapse to one space (ODF 1.2 §6.1.2).
    if (skipDepth === 0 && inBody) append(t.replace(/[ \t\r\n]+/g, ' '));
  });
  parser.on('error', (err: Error) => {
    throw err;
  });
  parser.write(xml).close();
  return containers[0]!.join('\n');
}
