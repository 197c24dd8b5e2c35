import { SaxesParser } from 'saxes';
import type { SaxesTagNS } from 'saxes';
import { zipPartText } from './zip-entry.js';

const MAIN_PART = 'word/document.xml';
// Namespaces are matched by URI, not by prefix: Word always writes `w:`, but other
// writers may not, and Strict Open XML uses a second URI for the same vocabulary.
const W = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

// Elements whose whole content is not text a reader sees in the document body:
// tracked deletions and moves away, field codes, text boxes (they float outside
// the flow of talk), and the property blocks (which hold tab stops, not tabs).
const SKIPPED = new Set([
  'del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'txbxContent',
  'pPr', 'rPr', 'sectPr', 'tblPr', 'tblGrid', 'trPr', 'tcPr', 'tblPrEx', 'sdtPr', 'sdtEndPr',
]);
const INLINE: Record<string, string> = {
  br: '\n', cr: '\n', tab: '\t', ptab: '\t', noBreakHyphen: '-', softHyphen: '',
};

/**
 * Reads the body text of a Word .docx file: one line per paragraph, `w:br` as a
 * line break, `w:tab` as a tab, each table row as one line with its cells
 * separated by tabs. Headers, footers, comments and footnotes live in other parts
 * of the archive and are never read. The result is not yet NFC-normalised.
 *
 * @param bytes the file's bytes
 * @param file the file's name, for error messages
 * @param maxBytes the most document.xml may unpack to: it is refused before inflating
 *   past this, whatever size the archive declares
 */
export function docxToText(bytes: Uint8Array, file: string, maxBytes = Number.MAX_SAFE_INTEGER): string {
  const hint = 'Open it in Word or LibreOffice and save it as a .docx (Word Document) file.';
  return zipPartText(bytes, MAIN_PART, file, maxBytes, { what: 'a Word .docx file', code: 'E_DOCX', hint }, bodyText);
}

/** Walks document.xml once, keeping paragraphs, rows and cells on stacks. */
function bodyText(xml: string): string {
  // Each open container (the body, or a table cell) collects its paragraphs and rows.
  const containers: string[][] = [[]];
  const rows: string[][] = []; // cells of each open row
  const tables: string[][] = []; // rows of each open table
  const paragraphs: string[] = [];
  const choices: boolean[] = []; // per mc:AlternateContent: has a Choice been kept?
  let skipDepth = 0; // > 0 while inside skipped content
  let depth = 0;
  let inText = false;

  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (skipDepth > 0) return;
    const name = tag.local;
    if (tag.uri === MC) {
      if (name === 'AlternateContent') choices.push(false);
      // Only the first Choice is read: the Fallback repeats it for older readers.
      else if (name === 'Fallback' || (name === 'Choice' && choices[choices.length - 1])) skipDepth = depth;
      else if (name === 'Choice') choices[choices.length - 1] = true;
      return;
    }
    if (!W.has(tag.uri)) return;
    if (SKIPPED.has(name)) skipDepth = depth;
    else if (name === 't') inText = true;
    else if (name === 'p') paragraphs.push('');
    else if (name === 'tc') containers.push([]);
    else if (name === 'tr') rows.push([]);
    else if (name === 'tbl') tables.push([]);
    else if (name in INLINE && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += INLINE[name];
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    depth--;
    if (skipDepth > 0) {
      if (depth < skipDepth) skipDepth = 0;
      return;
    }
    const name = tag.local;
    if (tag.uri === MC && name === 'AlternateContent') choices.pop();
    if (!W.has(tag.uri)) return;
    const top = containers[containers.length - 1];
    if (name === 't') inText = false;
    else if (name === 'p') top.push(paragraphs.pop() ?? '');
    else if (name === 'tc') {
      containers.pop();
      // A row is one line, so breaks and tabs inside a cell become spaces and the
      // tab stays the one cell separator.
      const cell = top.filter((item) => item !== '').join(' ').replace(/[\n\t]/g, ' ');
      rows[rows.length - 1]?.push(cell);
    } else if (name === 'tr') tables[tables.length - 1]?.push((rows.pop() ?? []).join('\t'));
    else if (name === 'tbl') top.push(...(tables.pop() ?? []));
  });
  const onText = (text: string): void => {
    if (inText && skipDepth === 0 && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (err: Error) => {
    throw err;
  });
  parser.write(xml).close();
  return containers[0].join('\n');
}
