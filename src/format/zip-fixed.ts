/**
 * Office files are zips whose entries carry the time they were written, and docx also stamps
 * the document's created/modified dates: both are fixed here (1980-01-01, the zip epoch), so
 * the same report is the same bytes, as every other format is.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

const EPOCH = new Date(1980, 0, 1);
const STAMP = '1980-01-01T00:00:00Z';

export function deterministicZip(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const out: Zippable = {};
  for (const name of Object.keys(files).sort()) {
    let data = files[name]!;
    if (name === 'docProps/core.xml') {
      const xml = new TextDecoder().decode(data).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${STAMP}$2`);
      data = new TextEncoder().encode(xml);
    }
    out[name] = [data, { mtime: EPOCH }];
  }
  return zipSync(out, { level: 6 });
}
