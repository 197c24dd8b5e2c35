/**
 * Agreement names what it compared: every agreement and disagreements report lists the
 * sources compared with each coder's number of codings there; --sources restricts them.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ingest } from '../../src/app/ingest.js';
import { tag } from '../../src/app/tag.js';
import { withProject } from '../../src/app/project.js';
import { agreementForProject, agreementView } from '../../src/app/reports/agreement.js';
import { disagreementsForProject, disagreementsView } from '../../src/app/reports/disagreements.js';
import type { ReportFilters } from '../../src/app/report-scope.js';
import { renderReport, type ReportFormat } from '../../src/format/report.js';
import { runCli } from '../support/cli.js';
import { newProject, put } from '../support/project.js';

const TEXT = (n: number) => `Interviewer: How was week ${n}?\nParticipant: Nights were hard and the team was kind.\nInterviewer: More?\nParticipant: I slept badly, then better.\n`;

/** S1 and S2 double-coded; S3 only because bo tagged one phrase there; S4 ana only. */
async function study(): Promise<{ dir: string; ctx: AppContext }> {
  const { dir, ctx } = newProject();
  for (const n of [1, 2, 3, 4]) put(dir, `S${n}.txt`, TEXT(n));
  await ingest(ctx, ['S1.txt', 'S2.txt', 'S3.txt', 'S4.txt']);
  const t = (coder: string, code: string, source: string, match: string) => tag({ ...ctx, coder }, { codes: [code], source, selector: { match }, createNew: true });
  for (const s of ['S1', 'S2', 'S3', 'S4']) {
    t('ana', 'Nights', s, 'Nights were hard');
    t('ana', 'Team', s, 'the team was kind');
  }
  t('ana', 'Sleep', 'S1', 'I slept badly');
  t('bo', 'Nights', 'S1', 'Nights were hard');
  t('bo', 'Sleep', 'S1', 'slept badly, then better');
  t('bo', 'Team', 'S2', 'the team was kind');
  t('bo', 'Sleep', 'S3', 'badly');
  return { dir, ctx };
}

const agreement = (ctx: AppContext, filters: ReportFilters = {}) => withProject(ctx, (p) => agreementForProject(p, filters, { coders: ['ana', 'bo'] }), { readonly: true });
const disagreements = (ctx: AppContext, filters: ReportFilters = {}) => withProject(ctx, (p) => disagreementsForProject(p, filters, { coders: ['ana', 'bo'] }), { readonly: true });

describe('agreement lists the sources it compared', () => {
  it('with each coder’s codings there, so a barely double-coded source stands out', async () => {
    const { ctx } = await study();
    const r = agreement(ctx);
    expect(r.sources).toEqual(['S1', 'S2', 'S3']);
    expect(r.compared).toEqual([
      { source: 'S1', codings: { ana: 3, bo: 2 } },
      { source: 'S2', codings: { ana: 2, bo: 1 } },
      { source: 'S3', codings: { ana: 2, bo: 1 } },
    ]);
    // --codes: only the codes shown are counted.
    expect(agreement(ctx, { codes: ['Sleep'] }).compared).toEqual([
      { source: 'S1', codings: { ana: 1, bo: 1 } },
      { source: 'S2', codings: { ana: 0, bo: 0 } },
      { source: 'S3', codings: { ana: 0, bo: 1 } },
    ]);
  });

  it('--sources restricts the comparison, for agreement and disagreements alike', async () => {
    const { ctx } = await study();
    const r = agreement(ctx, { sources: 'S1,S2' });
    expect(r.sources).toEqual(['S1', 'S2']);
    expect(r.rows.filter((x) => x.source !== null).map((x) => x.source)).not.toContain('S3');
    expect(r.compared.map((c) => c.source)).toEqual(['S1', 'S2']);
    // Named sources are compared even where one coder coded nothing (S4: bo none).
    expect(agreement(ctx, { sources: 'S4' }).compared).toEqual([{ source: 'S4', codings: { ana: 2, bo: 0 } }]);
    const all = disagreements(ctx);
    expect(all.sources).toEqual(['S1', 'S2', 'S3']);
    expect(all.groups.map((g) => g.source)).toContain('S3');
    const d = disagreements(ctx, { sources: 'S1' });
    expect(d.sources).toEqual(['S1']);
    expect(d.compared).toEqual([{ source: 'S1', codings: { ana: 3, bo: 2 } }]);
    expect(new Set(d.groups.map((g) => g.source))).toEqual(new Set(['S1']));
  });

  it('every format shows the list', async () => {
    const { ctx } = await study();
    const r = agreement(ctx);
    const formats: ReportFormat[] = ['table', 'md', 'csv', 'tex', 'html'];
    for (const f of formats) {
      const out = renderReport(f, agreementView(r));
      expect(out, f).toMatch(/S3/);
      expect(out, f).toMatch(/codings by bo/);
    }
    expect(renderReport('table', agreementView(r))).toMatch(/Sources compared \(3\)\nsource +codings by ana +codings by bo\nS1 +3 +2\nS2 +2 +1\nS3 +2 +1\n/);
    expect(renderReport('csv', agreementView(r)).split('\r\n').slice(-5)).toEqual(['source,codings by ana,codings by bo', 'S1,3,2', 'S2,2,1', 'S3,2,1', '']);
    expect(JSON.parse(renderReport('json', agreementView(r))).compared[2]).toEqual({ source: 'S3', codings: { ana: 2, bo: 1 } });
    for (const f of ['table', 'md', 'csv'] as ReportFormat[]) expect(renderReport(f, disagreementsView(disagreements(ctx), f)), f).toMatch(/codings by ana/);
  });

  it('through the CLI: --sources on agreement and disagreements', async () => {
    const { dir } = await study();
    const a = await runCli(['report', 'agreement', '--coders', 'ana,bo', '--sources', 'S1', '--json'], { cwd: dir });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout).compared).toEqual([{ source: 'S1', codings: { ana: 3, bo: 2 } }]);
    const d = await runCli(['report', 'disagreements', '--coders', 'ana,bo', '--sources', 'S2', '--json'], { cwd: dir });
    expect(JSON.parse(d.stdout)).toMatchObject({ sources: ['S2'], compared: [{ source: 'S2', codings: { ana: 2, bo: 1 } }] });
  });
});
