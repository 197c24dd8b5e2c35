/**
 * Word (.docx) output with the `docx` package, imported only when asked for: each table a
 * real Word table (header row repeated on every page, numbers right-aligned, the code
 * hierarchy indented, horizontal rules only, as journals set tables), a caption above
 * ("Table 1" and the title) and a note below (the report's prose: scope, coders, the
 * definitions of the figures). A quote bank becomes block quotes, each followed by the
 * participant id and wave. The file is byte-identical for the same input (fixed times).
 */
import type { ReportView } from './report.js';
import { displayText, type Cell, type Column, type TableData } from './table-shape.js';
import { depthOf } from './tex-fit.js';
import { deterministicZip } from './zip-fixed.js';
import { importExternal } from '../core/external-module.js';

type Docx = typeof import('docx');
type Block = import('docx').Paragraph | import('docx').Table;

/** Sizes in half-points, indents in twips (1/20 pt). */
const BODY = 22;
const TABLE = 18;
const NOTE = 18;
const INDENT = 284; // 0.5 cm per level of the code tree
const RULE = { style: 'single', size: 8, color: '000000' } as const;
/** The text width of A4 (docx's default page) with 1-inch margins, in twips. */
const PORTRAIT_WIDTH = 11906 - 2 * 1440;
const LANDSCAPE_WIDTH = 16838 - 2 * 1440;

export async function renderDocx(view: ReportView): Promise<Uint8Array> {
  const d = await importExternal<typeof import('docx')>('docx');
  const children: Block[] = [];
  const wide = Math.max(0, ...view.tables.map((t) => t.table.columns.length)) > 8;
  const lineWidth = wide ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  if (view.quoteBlocks !== undefined) {
    children.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [new d.TextRun(view.title)] }));
    for (const b of view.quoteBlocks) {
      children.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, children: [new d.TextRun(b.heading)] }));
      if (b.quotes.length === 0) children.push(new d.Paragraph({ children: [new d.TextRun({ text: 'No coded participant talk in scope.', italics: true })] }));
      for (const q of b.quotes) {
        children.push(new d.Paragraph({
          indent: { left: 720, right: 720 }, spacing: { before: 60, after: 120 },
          children: [new d.TextRun(`${q.text} `), new d.TextRun({ text: q.attribution })],
        }));
      }
    }
    children.push(...notes(d, view.paragraphs));
  } else {
    view.tables.forEach((t, i) => {
      children.push(...caption(d, i + 1, t.title ?? view.title));
      children.push(wordTable(d, t.table, t.indentKey, lineWidth));
      if (i === view.tables.length - 1) children.push(...notes(d, view.paragraphs));
    });
    if (view.tables.length === 0) children.push(...notes(d, view.paragraphs));
  }
  const doc = new d.Document({
    creator: 'qcode',
    title: view.title,
    styles: { default: { document: { run: { size: BODY, font: 'Calibri' } } } },
    sections: [{
      properties: wide ? { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } } : {},
      children,
    }],
  });
  return deterministicZip(new Uint8Array(await d.Packer.toBuffer(doc)));
}

/** APA style: "Table N" in bold, the title in italics on the next line. */
function caption(d: Docx, n: number, title: string): Block[] {
  return [
    new d.Paragraph({ keepNext: true, spacing: { before: 240 }, children: [new d.TextRun({ text: `Table ${n}`, bold: true })] }),
    new d.Paragraph({ keepNext: true, spacing: { after: 120 }, children: [new d.TextRun({ text: title, italics: true })] }),
  ];
}

function notes(d: Docx, paragraphs: string[] | undefined): Block[] {
  return (paragraphs ?? []).map((p, i) => new d.Paragraph({
    spacing: { before: i === 0 ? 120 : 0, after: 60 },
    children: [...(i === 0 ? [new d.TextRun({ text: 'Note. ', italics: true, size: NOTE })] : []), new d.TextRun({ text: p, size: NOTE })],
  }));
}

/**
 * Column widths from the cells: numbers as wide as their longest value or header word, text
 * as wide as its longest cell up to a cap (wrapped passages share what is left), in twips.
 */
function columnWidths(table: TableData, indentKey: string | undefined, lineWidth: number): number[] {
  const chars = table.columns.map((c, i) => {
    const len = (s: string): number => [...s].length;
    let most = Math.max(...c.header.split(/\s+/).map(len)) + 1; // bold
    for (const r of table.rows) most = Math.max(most, len(displayText(r[c.key], c)) + (i === 0 ? 3 * depthOf(r, indentKey) : 0));
    return c.align === 'right' ? most : Math.min(most, c.wrap ? 80 : 28);
  });
  // Numbers get their width (≈ 110 twips a character at 9 pt, plus the cell margins); text shares the rest.
  const fixed = table.columns.map((c, i) => (c.align === 'right' ? chars[i]! * 110 + 200 : 0));
  const rest = Math.max(lineWidth * 0.3, lineWidth - fixed.reduce((a, b) => a + b, 0));
  const textChars = table.columns.reduce((a, c, i) => a + (c.align === 'right' ? 0 : chars[i]!), 0);
  return table.columns.map((c, i) => (c.align === 'right' ? fixed[i]! : Math.floor((chars[i]! / Math.max(1, textChars)) * rest)));
}

function wordTable(d: Docx, table: TableData, indentKey: string | undefined, lineWidth: number): Block {
  const cols = table.columns;
  const widths = columnWidths(table, indentKey, lineWidth);
  const head = new d.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: cols.map((c) => cell(d, c, c.header, { bold: true, depth: 0, head: true })),
  });
  const rows = table.rows.map((r) => new d.TableRow({
    cantSplit: !cols.some((c) => c.wrap),
    children: cols.map((c, i) => cell(d, c, r[c.key], { depth: i === 0 ? depthOf(r, indentKey) : 0 })),
  }));
  const none = { style: 'none', size: 0, color: 'FFFFFF' } as const;
  return new d.Table({
    rows: [head, ...rows],
    width: { size: lineWidth, type: d.WidthType.DXA },
    columnWidths: widths,
    layout: d.TableLayoutType.FIXED,
    borders: { top: RULE, bottom: RULE, left: none, right: none, insideHorizontal: none, insideVertical: none },
  });
}

function cell(d: Docx, c: Column, v: Cell, o: { bold?: boolean; depth: number; head?: boolean }): import('docx').TableCell {
  const text = o.head === true ? String(v) : displayText(v, c);
  const lines = text.split('\n');
  return new d.TableCell({
    borders: o.head === true ? { bottom: RULE } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map((line) => new d.Paragraph({
      alignment: c.align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
      indent: o.depth > 0 ? { left: o.depth * INDENT } : undefined,
      children: [new d.TextRun({ text: line, bold: o.bold, size: TABLE })],
    })),
  });
}
