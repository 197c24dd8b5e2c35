/**
 * The text layer of a PDF, through Mozilla's pdf.js (`pdfjs-dist`, legacy build for
 * Node). Loaded only when a .pdf is ingested: it is large, and `qcode tag` must start fast.
 */
import { InputError } from '../core/errors.js';
import { importExternal } from '../core/external-module.js';

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
  height: number;
}

/**
 * One line per text line of the PDF, in reading order as the file gives it; a blank line
 * where the gap between lines is well over the usual spacing (a paragraph break) and
 * between pages. A PDF without any text (a scan) is refused with that reason. Not yet
 * NFC-normalised.
 */
export async function pdfToText(bytes: Uint8Array, file: string): Promise<string> {
  const pdfjs = await importExternal<typeof import('pdfjs-dist/legacy/build/pdf.mjs')>('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, useSystemFonts: false, isEvalSupported: false }).promise;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const password = /password/i.test(why);
    throw new InputError(`${file}: ${password ? 'the PDF is protected by a password' : `not a readable PDF (${why})`}`, {
      code: 'E_PDF', hint: password ? 'save an unprotected copy, or export the transcript as .docx or .txt' : 'export the transcript again as PDF, .docx or .txt', cause,
    });
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items.filter((it): it is TextItem & typeof it => 'str' in it) as TextItem[]));
      page.cleanup();
    }
    const text = pages.filter((p) => p.trim() !== '').join('\n\n');
    if (text.trim() === '') {
      throw new InputError(`${file}: the PDF has no text layer (a scanned image?)`, { code: 'E_PDF_NO_TEXT', hint: 'run text recognition (OCR) on it first, or ingest the transcript as .docx or .txt' });
    }
    return text;
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(`${file}: a page of the PDF cannot be read (${why})`, { code: 'E_PDF', hint: 'export the transcript again as PDF, .docx or .txt', cause });
  } finally {
    await doc.destroy();
  }
}

function pageText(items: TextItem[]): string {
  const lines: { text: string; y: number; height: number }[] = [];
  let current = '';
  let y: number | null = null;
  let height = 0;
  const end = (): void => {
    if (y !== null || current !== '') lines.push({ text: current.replace(/\s+$/, ''), y: y ?? 0, height });
    current = '';
    y = null;
    height = 0;
  };
  for (const it of items) {
    const itemY = it.transform[5] ?? 0;
    // A new baseline well away from the current one starts a new line, even without an EOL mark.
    if (y !== null && it.str !== '' && Math.abs(itemY - y) > Math.max(1, (it.height || height) * 0.5)) end();
    if (it.str !== '') {
      if (y === null) y = itemY;
      height = Math.max(height, it.height);
    }
    current += it.str;
    if (it.hasEOL) end();
  }
  end();
  const kept = lines.filter((l) => l.text.trim() !== '');
  const gaps = kept.slice(1).map((l, i) => kept[i]!.y - l.y).filter((g) => g > 0).sort((a, b) => a - b);
  const usual = gaps.length === 0 ? 0 : gaps[Math.floor((gaps.length - 1) / 2)]!;
  const out: string[] = [];
  kept.forEach((l, i) => {
    if (i > 0 && usual > 0 && kept[i - 1]!.y - l.y > usual * 1.6) out.push('');
    out.push(l.text);
  });
  return out.join('\n');
}
