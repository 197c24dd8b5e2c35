/**
 * Word and Excel output, read back from the zip: what a journal table and a review
 * spreadsheet need, on the study full of awkward characters.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { REPORT_KINDS, UNICODE_CODES, unicodeStudy } from '../support/unicode-study.js';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
let dir = '';
beforeAll(async () => {
  dir = await unicodeStudy();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs qcode writing `file`, and returns the zip's parts as text. */
async function office(file: string, ...argv: string[]): Promise<Record<string, string>> {
  const r = await runCli([...argv, '--out', file], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const parts = unzipSync(readFileSync(join(dir, file)));
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

const text = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');

describe('--format docx', () => {
  it.each(REPORT_KINDS)('report %s is a Word document with a caption and a note', async (kind, args) => {
    const parts = await office(`${kind}.docx`, 'report', kind, ...args, '--format', 'docx');
    const doc = parts['word/document.xml']!;
    if (kind !== 'quotes') expect(doc).toContain('<w:t xml:space="preserve">Table 1</w:t>');
    if (kind !== 'quotes') expect(doc).toContain('<w:tblHeader/>');
    expect(text(doc)).toContain('Note. ');
  }, 30_000);

  it('themes: header repeated, numbers right-aligned, children indented, scope and definitions in the note', async () => {
    const doc = (await office('themes.docx', 'report', 'themes', '--format', 'docx'))['word/document.xml']!;
    const rows = doc.split('<w:tr>').slice(1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(text(rows[0]!)).toBe('code|cases|cases %|sources|refs|words|coverage %|words/case|freq rank|int rank|quote');
    const child = rows.find((r) => text(r).startsWith(UNICODE_CODES[1]!))!;
    expect(child).toContain('<w:ind w:left="284"/>');
    expect(child).toMatch(/<w:jc w:val="right"\/>(?:(?!<\/w:p>).)*<w:t[^>]*>3<\/w:t>/);
    expect(text(doc)).toMatch(/Note\. \|Scope: 3 cases, 6 sources, \d+ participant words\. Cases % = share/);
    expect(doc).toContain('😂'); // kept as written: Word has the fonts
  });

  it('quotes: block quotes, each followed by the participant id and wave', async () => {
    const doc = (await office('quotes.docx', 'report', 'quotes', UNICODE_CODES[3]!, '--format', 'docx'))['word/document.xml']!;
    expect(doc).toMatch(/<w:ind w:left="720" w:right="720"\/>/);
    expect(text(doc)).toContain('Now I’m thinking of leaving. |P1 (T2).');
  });

  it('is the same bytes twice (fixed zip times and document dates)', async () => {
    await office('a.docx', 'report', 'matrix', '--format', 'docx');
    await office('b.docx', 'report', 'matrix', '--format', 'docx');
    expect(readFileSync(join(dir, 'a.docx')).equals(readFileSync(join(dir, 'b.docx')))).toBe(true);
  });

  it('codebook export: name, description, include, exclude, example', async () => {
    const doc = (await office('cb.docx', 'codebook', 'export', '--format', 'docx'))['word/document.xml']!;
    expect(text(doc.split('<w:tr>')[1]!)).toBe('name|description|include|exclude|example');
    expect(text(doc)).toContain('Sleep Café “naïve”');
  });

  it('refuses to write a binary format to stdout', async () => {
    const r = await runCli(['report', 'themes', '--format', 'docx'], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stderr: 'qcode: --format docx writes a file: give --out FILE.docx\n' });
  });
});

/** The cells of a sheet as [ref, type, style, value] (inline strings' text as value). */
function cells(sheet: string): [string, string, string, string][] {
  return [...sheet.matchAll(/<c r="([A-Z]+\d+)"(?: t="(\w+)")? s="(\d+)">(?:<v>([^<]*)<\/v>|<is><t xml:space="preserve">([^<]*)<\/t><\/is>)<\/c>/g)]
    .map((m) => [m[1]!, m[2] ?? 'n', m[3]!, m[4] ?? m[5]!]);
}

describe('--format xlsx', () => {
  it.each(REPORT_KINDS)('report %s: one sheet per table and an About sheet with the prose', async (kind, args) => {
    const parts = await office(`${kind}.xlsx`, 'report', kind, ...args, '--format', 'xlsx');
    const names = [...parts['xl/workbook.xml']!.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
    expect(names.at(-1)).toBe('About');
    expect(names.every((n) => n!.length <= 31 && !/[:\\/?*[\]]/.test(n!))).toBe(true);
    for (let i = 1; i < names.length; i++) expect(parts[`xl/worksheets/sheet${i}.xml`]).toContain('state="frozen"');
    if (hasXmllint) {
      for (const [name, xml] of Object.entries(parts)) {
        const file = join(dir, 'part.xml');
        writeFileSync(file, xml);
        expect(spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' }).stderr, name).toBe('');
      }
    }
  }, 30_000);

  it('themes: numbers stored as numbers (unrounded), the header bold and frozen, the tree as depth and indent', async () => {
    const parts = await office('themes.xlsx', 'report', 'themes', '--format', 'xlsx');
    const sheet = cells(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet.filter(([ref]) => ref.endsWith('1') && ref.length === 2).map((c) => c[3])).toEqual(
      ['code', 'depth', 'cases', 'cases %', 'sources', 'refs', 'words', 'coverage %', 'words/case', 'freq rank', 'int rank', 'quote']);
    expect(sheet.find(([ref]) => ref === 'A1')![2]).toBe('1'); // bold header
    const row = (n: number) => sheet.filter(([ref]) => ref.replace(/[A-Z]+/, '') === String(n));
    const child = [2, 3, 4, 5, 6].map(row).find((r) => r[0]![3] === UNICODE_CODES[1]!)!;
    expect(child[0]![2]).toBe('6'); // indented one level
    expect(child[1]).toEqual([child[1]![0], 'n', '3', '1']);
    expect(child.find(([ref]) => ref.startsWith('D'))).toEqual([expect.any(String), 'n', '4', '100']);
    expect(parts['xl/worksheets/sheet2.xml']).toMatch(/Scope: 3 cases, 6 sources/);
    expect(parts['xl/styles.xml']).toContain('wrapText="1"');
  });

  it('codings: the coded segments with their quotes, in a sheet named after the file', async () => {
    const parts = await office('segments.xlsx', 'codings', '--format', 'xlsx');
    expect(parts['xl/workbook.xml']).toContain('<sheet name="segments" sheetId="1" r:id="rId1"/>');
    const sheet = cells(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet.slice(0, 7).map((c) => c[3])).toEqual(['id', 'code', 'source', 'coder', 'lines', 'span', 'quote']);
    expect(sheet.map((c) => c[3])).toContain('Now I’m thinking of leaving.');
    // Text that looks like a formula stays text: inline strings are never evaluated.
    expect(sheet.filter((c) => c[1] === 'inlineStr').length).toBeGreaterThan(10);
  });

  it('listings and the codebook export take xlsx; the same input gives the same bytes', async () => {
    for (const argv of [['sources'], ['cases'], ['codebook'], ['codebook', 'export']]) await office('x.xlsx', ...argv, '--format', 'xlsx');
    await office('a.xlsx', 'report', 'matrix', '--format', 'xlsx');
    await office('b.xlsx', 'report', 'matrix', '--format', 'xlsx');
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
  });
});
