/** Small OpenDocument files for the reader's tests. */
import { zipSync } from 'fflate';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An .odt as LibreOffice writes it (only the parts the reader needs). */
export function makeOdt(body: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:automatic-styles><text:p>not body</text:p></office:automatic-styles>
<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>${body}</office:text></office:body></office:document-content>`;
  return zipSync({ mimetype: enc('application/vnd.oasis.opendocument.text'), 'content.xml': enc(xml) });
}
