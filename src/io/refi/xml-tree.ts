/**
 * A small element tree over saxes, enough for REFI-QDA's XML (elements, attributes and
 * text; namespaces matched by local name within the document's own namespace).
 */
import { createRequire } from 'node:module';
import type * as Saxes from 'saxes';
import type { SaxesTagNS } from 'saxes';

let saxes: typeof Saxes | undefined;

/**
 * The saxes package, loaded on first parse: loading it costs ~25 ms, paid otherwise by every
 * command whose modules reach this one (codebook import reads YAML far more often than .qdc).
 * It is CommonJS: require gives what import would.
 */
function saxesPackage(): typeof Saxes {
  saxes ??= createRequire(import.meta.url)('saxes') as typeof Saxes;
  return saxes;
}

export interface XmlElement {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses `xml` into its root element; throws saxes' error on malformed XML. */
export function parseXml(xml: string): XmlElement {
  const parser = new (saxesPackage().SaxesParser)({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    const el: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = el;
    else parent.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (err: Error) => {
    throw err;
  });
  parser.write(xml).close();
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** The children of `el` named `name`. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}

/** The first child of `el` named `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Escapes text for an XML attribute or element. */
export function escapeXml(s: string): string {
  // Control characters other than tab, LF and CR cannot appear in XML 1.0 at all.
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
