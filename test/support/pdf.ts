/** Tiny PDFs written by hand (PDF 1.4, Helvetica, WinAnsi), for the PDF reader's tests. */

const WIN_ANSI: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '—': 0x97, 'é': 0xe9, 'ü': 0xfc };

function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    const code = WIN_ANSI[ch] ?? ch.charCodeAt(0);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code > 126) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

/**
 * A PDF with one page per entry; each page's lines are drawn 14 pt apart, and an empty
 * string leaves a paragraph gap. A page given as null has no text at all (a scan's image
 * is stood in for by a filled rectangle).
 */
export function makePdf(pages: (string[] | null)[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of pages) {
    let stream: string;
    if (lines === null) stream = '0.5 g 72 300 450 400 re f';
    else {
      const ops = ['BT', '/F1 12 Tf', '72 740 Td'];
      for (const [i, line] of lines.entries()) {
        if (i > 0) ops.push('0 -14 Td');
        if (line !== '') ops.push(`${pdfString(line)} Tj`);
        else ops.push('0 -14 Td');
      }
      ops.push('ET');
      stream = ops.join('\n');
    }
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(pdf, (c) => c.charCodeAt(0));
}
