/**
 * REFI-QDA codebooks (`.qdc`, QDA-XML codebook 1.0, valid against Codebook.xsd): the
 * code tree with names, descriptions, colours and `isCodable`.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import type { RefiCode } from '../../core/refi-model.js';
import type { CodebookEntry } from '../codebook-file.js';
import { decodeText } from '../decode.js';
import { child, childrenNamed, escapeXml as x, parseXml, type XmlElement } from './xml-tree.js';

/** A codebook entry with REFI-QDA's `isCodable` (false: a heading only). */
export interface QdcEntry extends CodebookEntry {
  codable?: boolean;
  children?: QdcEntry[];
}

/**
 * Reads a .qdc file. A name repeated in another branch (other programs allow it) is
 * kept, named after its parent: "Stress (Home)"; `renamed` lists those.
 */
export function readQdc(path: string, shown: string): { entries: QdcEntry[]; renamed: { from: string; to: string }[] } {
  let root: XmlElement;
  try {
    root = parseXml(decodeText(readFileSync(path), shown).text);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new InputError(`${shown}: cannot be read (${code})`, { code: 'E_READ' });
    throw new InputError(`${shown}: not well-formed XML (${(e as Error).message.split('\n')[0]})`, { code: 'E_QDC', hint: 'export the codebook again as a REFI-QDA codebook (.qdc)' });
  }
  if (root.name !== 'CodeBook') throw new InputError(`${shown}: holds <${root.name}>, not a REFI-QDA <CodeBook>`, { code: 'E_QDC', hint: 'a .qdc file starts with <CodeBook xmlns="urn:QDA-XML:codebook:1.0">' });
  const used = new Set<string>();
  const renamed: { from: string; to: string }[] = [];
  const key = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const read = (el: XmlElement, parent: string | null): QdcEntry => {
    const base = (el.attrs.name ?? '').trim().replace(/\s+/g, ' ');
    let name = base;
    if (used.has(key(name))) {
      const qualified = `${base} (${parent ?? 'top level'})`;
      name = qualified;
      for (let n = 2; used.has(key(name)); n++) name = `${qualified} ${n}`;
      renamed.push({ from: base, to: name });
    }
    used.add(key(name));
    const e: QdcEntry = { name };
    const description = child(el, 'Description')?.text.replace(/\r\n?/g, '\n').trim();
    if (description !== undefined && description !== '') e.description = description;
    const color = normaliseColor(el.attrs.color);
    if (color !== null) e.color = color;
    if (el.attrs.isCodable === 'false' || el.attrs.isCodable === '0') e.codable = false;
    const children = childrenNamed(el, 'Code').map((c) => read(c, name));
    if (children.length > 0) e.children = children;
    return e;
  };
  return { entries: childrenNamed(child(root, 'Codes'), 'Code').map((c) => read(c, null)), renamed };
}

/** The QDA-XML codebook of a code tree. */
export function qdcXml(codes: readonly RefiCode[]): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="qcode">\n<Codes>\n'];
  const write = (c: RefiCode): void => {
    out.push(`<Code guid="${c.guid}" name="${x(c.name)}" isCodable="${c.isCodable}"${c.color === null ? '' : ` color="${c.color}"`}>`);
    if (c.description !== null) out.push(`<Description>${x(c.description)}</Description>`);
    if (c.children.length > 0) out.push('\n');
    for (const k of c.children) write(k);
    out.push('</Code>\n');
  };
  if (codes.length === 0) throw new InputError('the codebook is empty: a .qdc file needs at least one code', { code: 'E_QDC_EMPTY', hint: 'add codes first (qcode codebook add NAME)' });
  for (const c of codes) write(c);
  out.push('</Codes>\n</CodeBook>\n');
  return out.join('');
}

function normaliseColor(raw: string | undefined): string | null {
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec((raw ?? '').trim());
  if (m === null) return null;
  return `#${(m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!).toLowerCase()}`;
}
