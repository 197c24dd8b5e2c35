/**
 * Excel (.xlsx) written as SpreadsheetML over fflate's zip, the library qcode already uses:
 * one sheet per table, numbers stored as numbers (unrounded, shown with the column's
 * decimals), the header row bold and frozen, text wrapped and top-aligned, the code tree
 * indented (and its depth as a column, as in CSV), column widths from the contents, and an
 * "About" sheet with the title and the report's prose (scope, coders, definitions). Text is
 * stored as inline strings, so no cell is ever read as a formula. Same input, same bytes.
 */
import { Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { type Cell, type Column, type TableData } from './table-shape.js';
import { depthOf } from './tex-fit.js';
import { UsageError } from '../core/errors.js';

export interface XlsxSheet {
  name: string;
  table: TableData;
  /** Row key holding the tree depth: the first column is indented by it. */
  indentKey?: string;
}

export interface XlsxBook {
  title: string;
  sheets: XlsxSheet[];
  /** Shown on a last sheet, "About", one paragraph a row. */
  notes?: string[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const EPOCH = new Date(1980, 0, 1);
/** Excel's limit on the text of one cell. */
const MAX_CELL = 32767;
/** Excel's limit on the rows of one sheet, the header's included: beyond it Excel drops the rest. */
export const MAX_SHEET_ROWS = 1_048_576;
const MAX_INDENT = 8;

/** Cell formats (styles.xml cellXfs), by index. */
const XF = { header: 1, text: 2, number: 3, number1: 4, number2: 5, indent: 6 } as const;

export function renderXlsx(book: XlsxBook, maxRows = MAX_SHEET_ROWS): Uint8Array {
  for (const s of book.sheets) if (s.table.rows.length >= maxRows) throw tooManyRows(s.table.rows.length, maxRows);
  const names = uniqueNames([...book.sheets.map((s) => s.name), 'About']);
  const files: Zippable = {};
  const all = [...book.sheets.map((s) => sheetXml(s)), aboutXml(book)];
  for (const [name, xml] of packageParts(names)) files[name] = [encode(xml), { mtime: EPOCH }];
  all.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = [encode(s), { mtime: EPOCH }]));
  return zipSync(files, { level: 6 });
}

/** A workbook of one table written as its rows come (a listing of any size in little memory). */
export interface XlsxStream {
  row(r: Record<string, Cell>): void;
  /** Writes the rest (the About sheet, the zip's directory); nothing may follow. */
  end(): void;
}

/** Rows that set the column widths, as renderXlsx measures them. */
const WIDTH_ROWS = 500;
/** Sheet XML is handed to the deflater in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * The workbook renderXlsx makes of `book` with one sheet of `columns`, written to `write`
 * piece by piece: the rows are deflated as they come (the first 500 are held to measure the
 * column widths), so memory does not grow with the table.
 */
export function streamXlsx(book: Omit<XlsxBook, 'sheets'> & { sheet: string; columns: Column[] }, write: (bytes: Uint8Array) => void, maxRows = MAX_SHEET_ROWS): XlsxStream {
  const names = uniqueNames([book.sheet, 'About']);
  const zip = new Zip((err, chunk) => {
    if (err !== null) throw err;
    write(chunk);
  });
  const add = (name: string): ZipDeflate => {
    const f = new ZipDeflate(name, { level: 6 });
    f.mtime = EPOCH;
    zip.add(f);
    return f;
  };
  for (const [name, xml] of packageParts(names)) add(name).push(encode(xml), true);
  const sheet = add('xl/worksheets/sheet1.xml');
  const held: Record<string, Cell>[] = [];
  let n = 1;
  let piece = '';
  let started = false;
  const flush = (final: boolean): void => {
    sheet.push(encode(piece), final);
    piece = '';
  };
  const emit = (r: Record<string, Cell>): void => {
    if (n === maxRows) throw tooManyRows(undefined, maxRows);
    piece += rowXml(book.columns, r, ++n);
    if (piece.length >= PIECE) flush(false);
  };
  const start = (): void => {
    started = true;
    piece = worksheetHead(columnWidths(book.columns, held), true) + headerRow(book.columns);
    for (const r of held.splice(0)) emit(r);
  };
  return {
    row(r) {
      if (started) emit(r);
      else if (held.push(r) === WIDTH_ROWS) start();
    },
    end() {
      if (!started) start();
      piece += WORKSHEET_TAIL;
      flush(true);
      add('xl/worksheets/sheet2.xml').push(encode(aboutXml({ title: book.title, sheets: [], notes: book.notes })), true);
      zip.end();
    },
  };
}

const encode = (xml: string): Uint8Array => new TextEncoder().encode(xml);

/**
 * Refuses a table an Excel sheet cannot hold whole: Excel opens such a file with the rows past
 * its limit missing, and says so only in passing. `rows`: how many, when known.
 */
function tooManyRows(rows: number | undefined, maxRows: number): UsageError {
  const limit = (maxRows - 1).toLocaleString('en-US');
  return new UsageError(`${rows === undefined ? `more than ${limit}` : rows.toLocaleString('en-US')} rows: an Excel sheet holds ${limit} below its header`, {
    hint: 'use --format csv, or fewer rows (e.g. --code, --source, --case or --coder)',
  });
}

/** Every part of the package but the worksheets, for sheets named `names` (the last is About). */
function packageParts(names: string[]): [string, string][] {
  return [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${names.map((n, i) => `<sheet name="${xml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${names.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', STYLES],
  ];
}

function sheetXml(sheet: XlsxSheet): string {
  const { columns, rows } = withDepth(sheet);
  const out = [headerRow(columns), ...rows.map((r, i) => rowXml(columns, r, i + 2, sheet.indentKey))];
  return worksheet(columnWidths(columns, rows.slice(0, WIDTH_ROWS)), out, true);
}

function columnWidths(columns: Column[], rows: readonly Record<string, Cell>[]): number[] {
  return columns.map((c) => Math.min(c.wrap ? 80 : 40, Math.max(c.header.length + 2, ...rows.map((r) => cellLength(r[c.key], c) + 1)) + 1));
}

function headerRow(columns: Column[]): string {
  return `<row r="1">${columns.map((c, j) => textCell(ref(j, 1), c.header, XF.header)).join('')}</row>`;
}

/** Row `n` (1-based) of the sheet; the first column indented by the row's `indentKey` depth. */
function rowXml(columns: Column[], r: Record<string, Cell>, n: number, indentKey?: string): string {
  const cells = columns.map((c, j) => {
    const v = r[c.key];
    if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref(j, n)}" s="${c.decimals === 1 ? XF.number1 : c.decimals === 2 ? XF.number2 : XF.number}"><v>${v}</v></c>` : '';
    if (typeof v === 'boolean') return `<c r="${ref(j, n)}" t="b" s="${XF.text}"><v>${v ? 1 : 0}</v></c>`;
    if (v === null || v === undefined || v === '') return '';
    const depth = j === 0 ? Math.min(MAX_INDENT, depthOf(r, indentKey)) : 0;
    return textCell(ref(j, n), String(v), depth > 0 ? XF.indent + depth - 1 : XF.text);
  });
  return `<row r="${n}">${cells.join('')}</row>`;
}

function aboutXml(book: XlsxBook): string {
  const lines = [book.title, ...(book.notes ?? [])];
  const rows = lines.map((l, i) => `<row r="${i + 1}">${textCell(ref(0, i + 1), l, i === 0 ? XF.header : XF.text)}</row>`);
  return worksheet([100], rows, false);
}

function worksheet(widths: number[], rows: string[], frozen: boolean): string {
  return `${worksheetHead(widths, frozen)}${rows.join('')}${WORKSHEET_TAIL}`;
}

const WORKSHEET_TAIL = '</sheetData></worksheet>';

function worksheetHead(widths: number[], frozen: boolean): string {
  const view = frozen
    ? '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    : '<sheetView workbookViewId="0"/>';
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // <cols> may not be empty (a table without columns).
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews>${view}</sheetViews>${cols === '' ? '' : `<cols>${cols}</cols>`}<sheetData>`;
}

/** The table with the tree depth as its second column, as in CSV (sorting in Excel would lose the indent). */
function withDepth(sheet: XlsxSheet): TableData {
  if (sheet.indentKey === undefined || sheet.table.columns.length === 0) return sheet.table;
  const [first, ...rest] = sheet.table.columns;
  return { columns: [first!, { key: sheet.indentKey, header: 'depth', align: 'right' }, ...rest], rows: sheet.table.rows };
}

function textCell(r: string, text: string, style: number): string {
  return `<c r="${r}" t="inlineStr" s="${style}"><is><t xml:space="preserve">${xml(clip(text))}</t></is></c>`;
}

function cellLength(v: Cell, c: Column): number {
  if (typeof v === 'number') return c.decimals !== undefined ? String(Math.round(v)).length + 1 + c.decimals : String(v).length;
  return v === null || v === undefined ? 0 : Math.max(...String(v).split('\n').map((l) => [...l].length));
}

/** A1-style reference of column j (0-based) and row n (1-based). */
function ref(j: number, n: number): string {
  let s = '';
  for (let k = j + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return `${s}${n}`;
}

function clip(s: string): string {
  return s.length <= MAX_CELL ? s : `${s.slice(0, MAX_CELL - 1)}…`;
}

/** Escapes XML text and drops the characters XML 1.0 cannot hold (controls other than tab and line breaks). */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique case-insensitively, never blank. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)} ${k}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

const indentXfs = Array.from({ length: MAX_INDENT }, (_, i) => `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1" indent="${i + 1}"/></xf>`).join('');

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${6 + MAX_INDENT}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>${indentXfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
