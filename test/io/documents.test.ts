import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { odtToText } from '../../src/io/odt.js';
import { pdfToText } from '../../src/io/pdf.js';
import { rtfToText } from '../../src/io/rtf.js';
import { makeOdt } from '../support/documents.js';
import { makePdf } from '../support/pdf.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('.odt: paragraphs as lines', () => {
  it('reads headings, paragraphs, spans, spaces, tabs, breaks and table rows; leaves out comments, notes and frames', () => {
    const text = odtToText(makeOdt([
      '<text:h text:outline-level="1">Interview P03</text:h>',
      '<text:p>Interviewer: How <text:span>was</text:span> it?<office:annotation><dc:creator>Ed</dc:creator><text:p>check this</text:p></office:annotation></text:p>',
      '<text:p>Participant: Hard.<text:s text:c="2"/>Really<text:tab/>hard.<text:note><text:note-body><text:p>a footnote</text:p></text:note-body></text:note></text:p>',
      '<text:p>first<text:line-break/>second<draw:frame><draw:text-box><text:p>boxed</text:p></draw:text-box></draw:frame></text:p>',
      '<text:list><text:list-item><text:p>Participant: a listed turn</text:p></text:list-item></text:list>',
      '<table:table><table:table-row><table:table-cell><text:p>00:01</text:p></table:table-cell><table:table-cell><text:p>Ana</text:p><text:p>two lines</text:p></table:table-cell></table:table-row></table:table>',
      '<text:p/>',
    ].join('\n')), 'x.odt');
    expect(text).toBe('Interview P03\nInterviewer: How was it?\nParticipant: Hard.  Really\thard.\nfirst\nsecond\nParticipant: a listed turn\n00:01\tAna two lines\n');
  });

  it('refuses what is not an .odt, naming the file', () => {
    expect(() => odtToText(enc('plain'), 'x.odt')).toThrow(/x\.odt: not an OpenDocument \.odt file \(not a zip archive\)/);
    expect(() => odtToText(zipSync({ 'a.txt': enc('a') }), 'y.odt')).toThrow(/no content\.xml inside/);
  });
});

describe('.rtf: paragraphs as lines, code pages and Unicode escapes', () => {
  it('decodes \\ansicpg bytes, \\uN with its fallback, and skips font, colour, style and {\\*} destinations', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}{\colortbl;\red0\green0\blue0;}{\stylesheet{\s1 Normal;}}{\*\generator Riched20;}{\info{\author Ed}}
\pard\f0\fs24 Interviewer: Caf\'e9 or tea?\par
Participant: I couldn\rquote t say \u8220?no\u8221?. \u-10179?\u-8704? late shifts.\line second line\par
{\*\bkmkstart x}{\header page header}Interviewer:\tab next\par
{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt link text}}\par
}`;
    expect(rtfToText(latin1(rtf), 'x.rtf')).toBe('Interviewer: Café or tea?\nParticipant: I couldn’t say “no”. 😀 late shifts.\nsecond line\nInterviewer:\tnext\nlink text');
  });

  it('reads another code page (Windows-1251) and \\uc0', () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1251 Participant: \'cf\'f0\'e8\'e2\'e5\'f2.\par{\uc0\u233 t\u233}\par}`;
    expect(rtfToText(latin1(rtf), 'r.rtf')).toBe('Participant: Привет.\nété');
  });

  it('refuses what is not RTF', () => {
    expect(() => rtfToText(enc('hello'), 'n.rtf')).toThrow(/n\.rtf: not an RTF file/);
  });
});

describe('.pdf: the text layer, one line per text line', () => {
  it('reads lines in order, a blank line at a paragraph gap and between pages', async () => {
    const pdf = makePdf([['Interviewer: How was it?', 'Participant: It’s hard (really).', '', 'Interviewer: Café?'], ['Participant: Page two.']]);
    expect(await pdfToText(pdf, 'a.pdf')).toBe('Interviewer: How was it?\nParticipant: It’s hard (really).\n\nInterviewer: Café?\n\nParticipant: Page two.');
  });

  it('refuses a scanned PDF (no text layer) and a broken one, with the reason', async () => {
    await expect(pdfToText(makePdf([null]), 'scan.pdf')).rejects.toThrow(/scan\.pdf: the PDF has no text layer/);
    await expect(pdfToText(enc('%PDF-1.4 nonsense'), 'bad.pdf')).rejects.toThrow(/bad\.pdf: not a readable PDF/);
  });
});
