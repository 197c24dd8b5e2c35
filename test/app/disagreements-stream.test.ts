/**
 * report disagreements finds its passages source by source into columns (no text kept) and
 * writes them group by group. Compared here with the report as first written
 * (reference/disagreements-ref.ts), on random studies with what could make them differ:
 * characters outside the BMP and of two and three bytes, blank lines, sub-codes, three coders,
 * codings that overlap, touch or nest, a stored text that is not well-formed UTF-8; and the
 * streamed output with what renderReport makes of the whole report, in every streamed format,
 * the text table's second pass starting anywhere (also inside a group).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope, type ReportFilters } from '../../src/app/report-scope.js';
import { tagMany, type TagRow } from '../../src/app/tag-many.js';
import { disagreementIndexForProject, disagreementsForProject, disagreementsReport, disagreementsView, forEachDisagreementParagraph, forEachDisagreementRow, reportShell } from '../../src/app/reports/disagreements.js';
import { writePasses } from '../../src/cli/commands/report-stream.js';
import { renderReport } from '../../src/format/report.js';
import { markdownParagraphWriter, reportRowWriter, type StreamedFormat } from '../../src/format/report-stream.js';
import { runCli } from '../support/cli.js';
import { newProject, put } from '../support/project.js';
import { mulberry32 as random } from '../support/random.js';
import { disagreementsByDefinition } from './reference/disagreements-ref.js';

const WORDS = ['garden', 'Zoë', 'café’s', 'self-care', '日本語', '😀', '𝒜𝒝', "don't", 'money', 'ok', '—', 'well.', 'yes!', 'no?', '“quoted”', 'ﬁne', 'naïve'];
const FORMATS: StreamedFormat[] = ['table', 'md', 'csv', 'json'];

async function randomStudy(seed: number): Promise<{ dir: string; ctx: AppContext }> {
  const rnd = random(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const { dir, ctx } = newProject();
  // A case named beyond ASCII: its source is a row of the table of sources compared, written byte by byte.
  const names = ['P01_T1', 'P02_T1', 'P01_T2', 'Zoë_T1'];
  for (const name of names) {
    const lines: string[] = [];
    for (let l = 0; l < 4 + int(8); l++) {
      if (rnd() < 0.15) {
        lines.push('');
        continue;
      }
      const words: string[] = [];
      for (let w = 1 + int(14); w > 0; w--) words.push(WORDS[int(WORDS.length)]!);
      lines.push(`${l % 2 === 0 ? 'Interviewer' : name.slice(0, 3)}: ${words.join(' ')}`);
    }
    put(dir, `${name}.txt`, `${lines.join('\n')}\n`);
  }
  await ingest(ctx, names.map((n) => `${n}.txt`), { namePattern: '{case}_T{wave}' });
  codebookAdd({ ...ctx, coder: 'ana' }, 'Alpha', undefined, {});
  codebookAdd({ ...ctx, coder: 'ana' }, 'Beta', 'Alpha', {});
  codebookAdd({ ...ctx, coder: 'ana' }, 'Gamma', undefined, {});
  const lengths = withProject(ctx, (p) => new Map(loadScope(p).sources.map((s) => [s.id, s.length])));
  const rows: TagRow[] = [];
  for (const source of names) {
    const length = lengths.get(source)!;
    for (let n = int(14); n > 0; n--) {
      const start = int(length - 1);
      const end = Math.min(length, start + 1 + int(60));
      rows.push({ code: ['Alpha', 'Beta', 'Gamma'][int(3)]!, source, span: `${start}-${end}`, coder: ['ana', 'ben', 'cy'][int(3)]! });
    }
  }
  tagMany(ctx, rows);
  return { dir, ctx };
}

/** What the streamed writers give for a report, as text. */
function streamed(ctx: AppContext, filters: ReportFilters, o: { coders: string[]; code?: string; keptBytes?: number }, format: StreamedFormat, keptText: number): string {
  return withProject(ctx, (p) => {
    const { index, texts } = disagreementIndexForProject(p, filters, o);
    const view = disagreementsView(reportShell(index, []), format, index.count);
    const chunks: Buffer[] = [];
    const sink = { bytes: (c: string | Uint8Array) => chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)) };
    if (format === 'md') {
      const w = markdownParagraphWriter(view, sink);
      forEachDisagreementParagraph(index, texts)(w.paragraph);
      w.end();
    } else {
      writePasses(reportRowWriter(format, view, 'groups', sink), forEachDisagreementRow(index, texts, format), keptText);
    }
    return Buffer.concat(chunks).toString('utf8');
  }, { readonly: true });
}

const CASES: { filters: ReportFilters; coders: string[]; code?: string }[] = [
  { filters: {}, coders: ['ana', 'ben'] },
  { filters: {}, coders: ['cy', 'ana'] },
  { filters: { codes: ['Alpha'] }, coders: ['ben', 'cy'] },
  { filters: { sources: 'P01_*' }, coders: ['ana', 'cy'] },
  { filters: {}, coders: ['ana', 'ben'], code: 'Beta' },
];

describe('report disagreements, found source by source and written group by group', () => {
  it('lists what the report as first written lists, on random studies', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { ctx } = await randomStudy(seed);
      withProject(ctx, (p) => {
        for (const c of CASES) {
          const codeId = c.code === undefined ? undefined : p.codes.byKey(c.code.toLowerCase())?.id;
          const want = disagreementsByDefinition(loadScope(p, { ...c.filters, coders: c.coders }), c.coders as [string, string], { codeId, sourcesChosen: c.filters.sources !== undefined });
          // Texts kept from finding to writing: all, some, none (each group's bytes read again).
          for (const keptBytes of [undefined, 600, 0]) {
            const got = disagreementsForProject(p, c.filters, { ...c, keptBytes });
            expect(JSON.stringify(got), `seed ${seed} ${JSON.stringify(c)} ${keptBytes}`).toBe(JSON.stringify(want));
          }
          // The API's report of a loaded scope, its texts read through the scope.
          const scope = loadScope(p, { ...c.filters, coders: c.coders });
          expect(JSON.stringify(disagreementsReport(scope, c.coders as [string, string], { codeId, sourcesChosen: c.filters.sources !== undefined }))).toBe(JSON.stringify(want));
        }
      }, { readonly: true });
    }
  });

  it('writes the bytes renderReport writes for the whole report, in every streamed format', async () => {
    for (const seed of [3, 7]) {
      const { ctx } = await randomStudy(seed);
      for (const c of CASES.slice(0, 3)) {
        for (const format of FORMATS) {
          const whole = withProject(ctx, (p) => renderReport(format, disagreementsView(disagreementsForProject(p, c.filters, c), format)), { readonly: true });
          // The second pass of a text table starts after the rows the first kept: none, a few (inside a group), all.
          for (const kept of [0, 150, 400, 1e9]) expect(streamed(ctx, c.filters, { ...c, keptBytes: kept === 150 ? 0 : undefined }, format, kept), `${format} ${kept}`).toBe(whole);
        }
      }
    }
  });

  it('reads a stored text that is not well-formed UTF-8 as a string would', async () => {
    const { dir, ctx } = await randomStudy(5);
    const db = new Database(join(dir, 'qcode.db'));
    // A stray continuation byte for every a, and the lead byte of a three-byte sequence cut short
    // for every o: each decodes to one U+FFFD, so code points stay where they were in the string
    // (not in a count of the bytes that start a character).
    for (const { id, text } of db.prepare('SELECT id, CAST(text AS BLOB) AS text FROM revisions').all() as { id: number; text: Buffer }[]) {
      const bytes = Buffer.from(text);
      for (let k = 0; k < bytes.length; k++) {
        if (bytes[k] === 0x61) bytes[k] = 0x80;
        else if (bytes[k] === 0x6f) bytes[k] = 0xe2;
      }
      db.prepare('UPDATE revisions SET text = CAST(? AS TEXT) WHERE id = ?').run(bytes, id);
    }
    db.close();
    withProject(ctx, (p) => {
      const want = disagreementsByDefinition(loadScope(p, { coders: ['ana', 'ben'] }), ['ana', 'ben']);
      expect(JSON.stringify(want)).toContain('\ufffd');
      for (const keptBytes of [undefined, 0]) expect(JSON.stringify(disagreementsForProject(p, {}, { coders: ['ana', 'ben'], keptBytes }))).toBe(JSON.stringify(want));
    }, { readonly: true });
    for (const format of FORMATS) {
      const whole = withProject(ctx, (p) => renderReport(format, disagreementsView(disagreementsForProject(p, {}, { coders: ['ana', 'ben'] }), format)), { readonly: true });
      expect(streamed(ctx, {}, { coders: ['ana', 'ben'], keptBytes: 0 }, format, 100), format).toBe(whole);
    }
  });

  it('through the CLI: the same output in every streamed format, and --out', async () => {
    const { dir, ctx } = await randomStudy(9);
    for (const format of FORMATS) {
      const whole = withProject(ctx, (p) => renderReport(format, disagreementsView(disagreementsForProject(p, {}, { coders: ['ana', 'ben'] }), format)), { readonly: true });
      const r = await runCli(['report', 'disagreements', '--coders', 'ana,ben', '--format', format], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, format).toBe(whole);
    }
    const out = await runCli(['report', 'disagreements', '--coders', 'ana,ben', '--format', 'csv', '--out', 'meeting.csv'], { cwd: dir });
    expect(out.code, out.stderr).toBe(0);
    const csv = withProject(ctx, (p) => renderReport('csv', disagreementsView(disagreementsForProject(p, {}, { coders: ['ana', 'ben'] }), 'csv')), { readonly: true });
    expect(readFileSync(join(dir, 'meeting.csv'), 'utf8')).toBe(`\ufeff${csv}`);
  });
});
