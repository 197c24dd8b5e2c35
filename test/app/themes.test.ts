/**
 * Golden test of `report themes` (DESIGN.md "Figures in reports") on a fixture small enough
 * to check every figure by hand; the arithmetic is in the comments.
 */
import { describe, expect, it } from 'vitest';
import { codebookAdd } from '../../src/app/codebook.js';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope, type ReportFilters } from '../../src/app/report-scope.js';
import { themesReport, themesView } from '../../src/app/reports/themes.js';
import { tag } from '../../src/app/tag.js';
import { renderReport } from '../../src/format/report.js';
import { newProject, put } from '../support/project.js';

// Participant words (labels and interviewer talk are nobody's / the interviewer's):
// P1_T1: "Nights are hard and I sleep badly" (7) + "The team had my back" (5) = 12
// P1_T2: "Better I sleep well now" = 5;  P2_T1: "I never sleep after nights I am exhausted" = 8
// P3_T1: "Nothing to report" = 3.  In scope: 3 cases, 4 sources, 28 participant words.
const FILES: Record<string, string> = {
  'P1_T1.txt': 'Interviewer: Tell me about nights.\nParticipant: Nights are hard and I sleep badly.\nInterviewer: And the team?\nParticipant: The team had my back.\n',
  'P1_T2.txt': 'Interviewer: How are things now?\nParticipant: Better. I sleep well now.\n',
  'P2_T1.txt': 'Interviewer: Tell me about nights.\nParticipant: I never sleep after nights, I am exhausted.\n',
  'P3_T1.txt': 'Interviewer: Hello.\nParticipant: Nothing to report.\n',
};

async function fixture() {
  const { dir, ctx } = newProject();
  for (const [name, text] of Object.entries(FILES)) put(dir, `in/${name}`, text);
  put(dir, 'cases.csv', 'case,group\nP1,A\nP2,B\nP3,A\n');
  await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}', casesFile: 'cases.csv' });
  const ana = { ...ctx, coder: 'ana' };
  const ben = { ...ctx, coder: 'ben' };
  codebookAdd(ana, 'Well-being', undefined, {});
  codebookAdd(ana, 'Sleep', 'Well-being', {});
  codebookAdd(ana, 'Stress', 'Well-being', {});
  codebookAdd(ana, 'Support', undefined, {});
  codebookAdd(ana, 'Team', 'Support', {});
  // Sleep in P1_T1 over lines 1-2: the interviewer's line 1 is inside, its 4 words must not count.
  tag(ana, { codes: ['Sleep'], source: 'P1_T1', selector: { lines: { from: 1, to: 2 } } });
  // Ben's Sleep inside ana's span: merged with it (one reference, whatever coder).
  tag(ben, { codes: ['Sleep'], source: 'P1_T1', selector: { match: 'I sleep badly' } });
  // Stress inside the Sleep span of P1_T1: the theme Well-being still has one span there.
  tag(ana, { codes: ['Stress'], source: 'P1_T1', selector: { match: 'Nights are hard' } });
  tag(ana, { codes: ['Sleep'], source: 'P1_T2', selector: { match: 'I sleep well' } });
  tag(ana, { codes: ['Sleep'], source: 'P2_T1', selector: { match: 'I never sleep after nights' } });
  tag(ana, { codes: ['Stress'], source: 'P2_T1', selector: { match: 'I am exhausted' } });
  tag(ben, { codes: ['Team'], source: 'P1_T1', selector: { turns: { from: 4, to: 4 } } });
  return ctx;
}

const report = (ctx: Awaited<ReturnType<typeof fixture>>, filters: ReportFilters = {}, quotes = 0) =>
  withProject(ctx, (p) => themesReport(loadScope(p, filters), { quotes }), { readonly: true });

const figures = (r: ReturnType<typeof report>) => Object.fromEntries(r.rows.map((x) => [x.code, [x.cases, x.casesPct, x.sources, x.references, x.words, x.coverage, x.wordsPerCase, x.frequencyRank, x.intensityRank]]));

describe('report themes: figures checked by hand', () => {
  it('computes every figure, with roll-up, merged coders and interviewer talk left out', async () => {
    const r = report(await fixture());
    expect(r.scope).toEqual({ cases: 3, sources: 4, participantWords: 28, coders: ['ana', 'ben'] });
    expect(r.rows.map((x) => [x.code, x.depth, x.parent])).toEqual([
      ['Well-being', 0, null], ['Sleep', 1, 'Well-being'], ['Stress', 1, 'Well-being'], ['Support', 0, null], ['Team', 1, 'Support'],
    ]);
    expect(figures(r)).toEqual({
      // Sleep: P1_T1 one merged span (7 words), P1_T2 "I sleep well" (3), P2_T1 "I never sleep after nights" (5)
      // → cases P1, P2 = 2 (66.7 %), 3 sources, 3 refs, 15 words, 15/28 = 53.6 %, 15/2 = 7.5 per case.
      Sleep: [2, (2 / 3) * 100, 3, 3, 15, (15 / 28) * 100, 7.5, 1, 1],
      // Stress: "Nights are hard" (3) and "I am exhausted" (3): 2 cases, 2 refs, 6 words, 3 per case.
      // Siblings: Sleep ranks before Stress on frequency (2 cases each, 3 refs > 2) and intensity (7.5 > 3).
      Stress: [2, (2 / 3) * 100, 2, 2, 6, (6 / 28) * 100, 3, 2, 2],
      // Well-being = Sleep ∪ Stress merged per source: P1_T1 one span (Stress inside Sleep, 7 words),
      // P1_T2 one (3), P2_T1 two (", " between them: 5 + 3) → 4 refs, 18 words, 9 per case.
      'Well-being': [2, (2 / 3) * 100, 3, 4, 18, (18 / 28) * 100, 9, 1, 1],
      // Team: ben's turn 4 talk "The team had my back." (5 words); Support rolls it up.
      Support: [1, (1 / 3) * 100, 1, 1, 5, (5 / 28) * 100, 5, 2, 2],
      Team: [1, (1 / 3) * 100, 1, 1, 5, (5 / 28) * 100, 5, 1, 1],
    });
  });

  it('filters by wave, by attribute and by coder', async () => {
    const ctx = await fixture();
    // Wave 1: P1_T1, P2_T1, P3_T1 → 3 cases, 12 + 8 + 3 = 23 words; Sleep 7 + 5 = 12 words in 2 refs.
    const w1 = report(ctx, { waves: ['T1'] });
    expect(w1.scope).toMatchObject({ cases: 3, sources: 3, participantWords: 23 });
    expect(figures(w1).Sleep).toEqual([2, (2 / 3) * 100, 2, 2, 12, (12 / 23) * 100, 6, 1, 1]);
    // group=A: P1 and P3 → sources P1_T1, P1_T2, P3_T1, 12 + 5 + 3 = 20 words; Sleep 7 + 3 in P1 only.
    const a = report(ctx, { where: ['group=A'] });
    expect(a.scope).toMatchObject({ cases: 2, sources: 3, participantWords: 20 });
    expect(figures(a).Sleep).toEqual([1, 50, 2, 2, 10, 50, 10, 1, 1]);
    // Ben alone: his "I sleep badly" (3 words) and Team (5).
    const ben = report(ctx, { coders: ['ben'] });
    expect(ben.scope.coders).toEqual(['ben']);
    expect(figures(ben).Sleep).toEqual([1, (1 / 3) * 100, 1, 1, 3, (3 / 28) * 100, 3, 1, 1]);
    expect(figures(ben).Stress).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 2]);
  });

  it('picks quotes from different cases, participant talk only, attributed', async () => {
    const r = report(await fixture(), {}, 2);
    // No span of Sleep has 15–80 words; nearest first: P1_T1 (7 words), then P2_T1 (5) of another case.
    expect(r.rows.find((x) => x.code === 'Sleep')!.quotes).toEqual([
      { text: 'Nights are hard and I sleep badly.', case: 'P1', source: 'P1_T1', wave: '1' },
      { text: 'I never sleep after nights', case: 'P2', source: 'P2_T1', wave: '1' },
    ]);
    const md = renderReport('md', themesView(r, true));
    expect(md).toContain('| \u00a0\u00a0Sleep | 2 | 66.7 | 3 | 3 | 15 | 53.6 | 7.5 | 1 | 1 | Nights are hard and I sleep badly. P1 (T1).<br>I never sleep after nights P2 (T1). |');
  });

  it('is byte-identical when run twice, in every format', async () => {
    const ctx = await fixture();
    for (const format of ['table', 'md', 'csv', 'json', 'tex', 'html'] as const) {
      const once = renderReport(format, themesView(report(ctx, {}, 1), true));
      expect(renderReport(format, themesView(report(ctx, {}, 1), true))).toBe(once);
    }
  });

  it('hides rows below --min-cases and sorts siblings by intensity', async () => {
    const ctx = await fixture();
    const r = withProject(ctx, (p) => themesReport(loadScope(p), { minCases: 2, sort: 'intensity' }), { readonly: true });
    expect(r.rows.map((x) => x.code)).toEqual(['Well-being', 'Sleep', 'Stress']);
  });
});
