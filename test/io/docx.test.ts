import { describe, it, expect } from 'vitest';
import {
  CarriageReturn, DeletedTextRun, Document, ExternalHyperlink, Footer, FootnoteReferenceRun, Header,
  InsertedTextRun, NoBreakHyphen, Packer, PageNumber, Paragraph, SimpleField, SoftHyphen, Tab, Table,
  TableCell, TableRow, TextRun, Textbox,
} from 'docx';
import type { Paragraph as ParagraphType, Table as TableType } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { InputError } from '../../src/core/errors.js';
import { docxToText } from '../../src/io/docx.js';

/** A real .docx, as Word users hand them over, made by the `docx` library. */
async function build(children: (ParagraphType | TableType)[], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Uint8Array> {
  const doc = new Document({ ...extra, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const cell = (...children: (ParagraphType | TableType)[]): TableCell => new TableCell({ children });
const row = (...cells: TableCell[]): TableRow => new TableRow({ children: cells });

/** A zip holding a hand-written document.xml, for markup the `docx` library does not write. */
function zipBody(body: string, prefix = 'w'): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><${prefix}:document xmlns:${prefix}="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
  return zipSync({ 'word/document.xml': strToU8(xml) });
}

describe('docxToText', () => {
  it('gives one line per paragraph, with breaks and tabs', async () => {
    const bytes = await build([
      new Paragraph('Interviewer: Tell me about the ward.'),
      new Paragraph({
        children: [
          new TextRun('Participant: Busy.'),
          new TextRun({ text: 'Very busy.', break: 1 }),
          new TextRun({ children: [new Tab(), 'Mostly nights'] }),
          new TextRun({ children: [new CarriageReturn(), 'self', new NoBreakHyphen(), 'care', ' re', new SoftHyphen(), 'ally'] }),
        ],
      }),
      new Paragraph(''),
      new Paragraph('[end]'),
    ]);
    expect(docxToText(bytes, 'p01.docx')).toBe(
      'Interviewer: Tell me about the ward.\nParticipant: Busy.\nVery busy.\tMostly nights\nself-care really\n\n[end]',
    );
  });

  it('reads tables row by row: cells by tab, within a cell paragraphs, breaks and nested cells by space', async () => {
    const nested = new Table({ rows: [row(cell(new Paragraph('n1')), cell(new Paragraph('n2'))), row(cell(new Paragraph('n3')))] });
    const bytes = await build([
      new Paragraph('before'),
      new Table({
        rows: [
          row(cell(new Paragraph('Speaker')), cell(new Paragraph('Text'))),
          row(cell(new Paragraph('P04')), cell(new Paragraph('first'), new Paragraph(''), new Paragraph('second'))),
          row(cell(new Paragraph({ children: [new TextRun('a'), new TextRun({ text: 'b', break: 1 })] })), cell(nested)),
        ],
      }),
      new Paragraph('after'),
    ]);
    expect(docxToText(bytes, 't.docx')).toBe('before\nSpeaker\tText\nP04\tfirst second\na b\tn1 n2 n3\nafter');
  });

  it('leaves out headers, footers, footnotes, deletions, field codes and text boxes', async () => {
    const bytes = await build(
      [
        new Paragraph({
          children: [
            new TextRun('Kept'),
            new FootnoteReferenceRun(1),
            new DeletedTextRun({ text: ' deleted', id: 1, author: 'Coder A', date: '2024-01-01T00:00:00Z' }),
            new InsertedTextRun({ text: ' inserted', id: 2, author: 'Coder A', date: '2024-01-01T00:00:00Z' }),
            new TextRun({ children: [' page ', PageNumber.CURRENT] }),
          ],
        }),
        new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.org', children: [new TextRun('linked')] })] }),
        new Paragraph({ children: [new SimpleField('AUTHOR', 'Field result')] }),
        new Paragraph({ children: [new TextRun('See: '), new Textbox({ children: [new Paragraph('Boxed')], style: { width: '2in', height: '1in' } })] }),
      ],
      { footnotes: { 1: { children: [new Paragraph('Footnote words')] } } },
    );
    const withParts = new Document({
      footnotes: { 1: { children: [new Paragraph('Footnote words')] } },
      sections: [{
        headers: { default: new Header({ children: [new Paragraph('Header words')] }) },
        footers: { default: new Footer({ children: [new Paragraph('Footer words')] }) },
        children: [new Paragraph({ children: [new TextRun('Body'), new FootnoteReferenceRun(1)] })],
      }],
    });
    expect(docxToText(bytes, 'r.docx')).toBe('Kept inserted page \nlinked\nField result\nSee: ');
    expect(docxToText(new Uint8Array(await Packer.toBuffer(withParts)), 'h.docx')).toBe('Body');
  });

  it('keeps the first mc:Choice only, and sdt, ins and fldSimple content', () => {
    const r = (t: string): string => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const body =
      `<w:p>${r('A')}<mc:AlternateContent><mc:Choice Requires="x">${r('B')}</mc:Choice>` +
      `<mc:Choice Requires="y">${r('C')}</mc:Choice><mc:Fallback>${r('D')}</mc:Fallback></mc:AlternateContent></w:p>` +
      `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p>${r('in sdt')}</w:p></w:sdtContent></w:sdt>` +
      `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:ins>${r('ins')}</w:ins>` +
      `<w:fldSimple w:instr="DATE">${r(' date')}</w:fldSimple><w:r><w:instrText> PAGE </w:instrText>` +
      `<w:delText>gone</w:delText></w:r><w:moveFrom>${r('moved away')}</w:moveFrom><w:moveTo>${r(' moved here')}</w:moveTo></w:p>` +
      `<w:p>${r('&amp; &lt;&#233;&gt;')}<w:r><w:t><![CDATA[ cdata]]></w:t></w:r></w:p>`;
    expect(docxToText(zipBody(body), 'x.docx')).toBe('AB\nin sdt\nins date moved here\n& <é> cdata');
  });

  it('matches elements by namespace, whatever the prefix', () => {
    expect(docxToText(zipBody('<x:p><x:r><x:t>odd prefix</x:t></x:r></x:p>', 'x'), 'y.docx')).toBe('odd prefix');
  });

  it('rejects input that is not a zip, naming the file', () => {
    const call = (): string => docxToText(strToU8('Interviewer: plain text'), 'notes.docx');
    expect(call).toThrow(InputError);
    expect(call).toThrow(/^notes\.docx: not a Word \.docx file/);
  });

  it('rejects a zip without word/document.xml', () => {
    const bytes = zipSync({ 'content.xml': strToU8('<office:document/>') });
    expect(() => docxToText(bytes, 'sheet.docx')).toThrow(/^sheet\.docx: not a Word \.docx file \(no word\/document\.xml inside\)/);
  });

  it('rejects malformed XML, naming the file', () => {
    const bytes = zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="u"><w:body><w:p>') });
    expect(() => docxToText(bytes, 'broken.docx')).toThrow(InputError);
    expect(() => docxToText(bytes, 'broken.docx')).toThrow(/^broken\.docx: word\/document\.xml is not well-formed XML/);
    const badUtf8 = zipSync({ 'word/document.xml': new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]) });
    expect(() => docxToText(badUtf8, 'enc.docx')).toThrow(/^enc\.docx: word\/document\.xml is not well-formed XML/);
  });
});
