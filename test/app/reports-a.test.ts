/**
 * matrix, cooccurrence, quotes and framework on the small study of report-fixture.ts,
 * whose transcripts, word counts and codings are listed there; every expected figure is
 * worked out by hand in the comments.
 *
 * Merged spans per code and source (words = participant words inside):
 *   Sleep      P1_T1 "Sleep is hard after nights." 5 (ana + bo merged) | P1_T2 4 | P2_T1 2 | P3_T1 5
 *   Stress     P1_T1 "tired all the time. Sleep is" 6, "a lot." 2 | P3_T2 4
 *   Well-being P1_T1 "tired … nights." 9 (Stress ∪ Sleep overlap), "a lot." 2 | P1_T2 4 | P2_T1 2 | P3_T1 5 | P3_T2 4
 *   Preceptor  P1_T1 4 | P2_T2 6
 *   Support    P1_T1 lines 2–4: 11 + 6 = 17 (interviewer "And support?" not counted; Preceptor inside) | P1_T2 2 | P2_T2 6
 *   Workload   P2_T1 6 | P3_T2 4
 *   union of all codes: P1_T1 1 span (Support covers the rest) 17 | P1_T2 2 spans 4 + 2 = 6 | P2_T1 2 spans 6 + 2 = 8
 *              | P2_T2 1 span 6 | P3_T1 1 span 5 | P3_T2 1 span "Still tired. … staffing." 7 (Stress ∪ Workload)
 */
import { describe, expect, it } from 'vitest';
import { clipWords, frameworkMemos, frameworkReport, frameworkView } from '../../src/app/reports/framework.js';
import { cooccurrenceReport, cooccurrenceView } from '../../src/app/reports/cooccurrence.js';
import { matrixReport, matrixView, type MatrixReport } from '../../src/app/reports/matrix.js';
import { quotesReport, quotesView } from '../../src/app/reports/quotes.js';
import { renderReport, type ReportFormat } from '../../src/format/report.js';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { tag } from '../../src/app/tag.js';
import { newProject, put } from '../support/project.js';
import { reportProject, type ReportFixture } from '../support/report-fixture.js';

const cellsOf = (r: MatrixReport) => [...r.rows.map((x) => [x.code, x.cells, x.total]), ['(totals)', r.totals.cells, r.totals.total]];

describe('report matrix', () => {
  it('references by case: merged spans per case, row totals, column totals over the union of shown codes', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => matrixReport(s));
    expect(r).toEqual({
      by: 'case',
      measure: 'references',
      columns: ['P1', 'P2', 'P3'],
      rows: [
        // P1: lines 2–4 (T1) + "Nobody really." (T2) = 2; P2: P2_T2 (Preceptor rolls up) = 1.
        { code: 'Support', path: ['Support'], depth: 0, cells: { P1: 2, P2: 1, P3: 0 }, total: 3 },
        { code: 'Preceptor', path: ['Support', 'Preceptor'], depth: 1, cells: { P1: 1, P2: 1, P3: 0 }, total: 2 },
        // P1: P1_T1 "tired … nights." and "a lot." (2) + P1_T2 (1) = 3; P3: T1 + T2 = 2.
        { code: 'Well-being', path: ['Well-being'], depth: 0, cells: { P1: 3, P2: 1, P3: 2 }, total: 6 },
        // P1_T1: ana's "Sleep is hard" and bo's "hard after nights." overlap: one reference.
        { code: 'Sleep', path: ['Well-being', 'Sleep'], depth: 1, cells: { P1: 2, P2: 1, P3: 1 }, total: 4 },
        { code: 'Stress', path: ['Well-being', 'Stress'], depth: 1, cells: { P1: 2, P2: 0, P3: 1 }, total: 3 },
        { code: 'Workload', path: ['Workload'], depth: 0, cells: { P1: 0, P2: 1, P3: 1 }, total: 2 },
      ],
      // Union: P1 = 1 (T1) + 2 (T2) = 3; P2 = 2 (T1) + 1 (T2) = 3; P3 = 1 + 1 = 2 — not the column sums (10, 5, 5).
      totals: { cells: { P1: 3, P2: 3, P3: 2 }, total: 8 },
      totalsNote: 'Row total: the figure over the sources of all columns together (for references and words, the sum of the row). Column total: the figure of the union of all shown codes’ spans in that column (a passage coded with several codes, or with a theme and its sub-codes, counts once), not the sum of the column.',
    });
  });

  it('words: participant words only (interviewer talk inside a span does not count)', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => matrixReport(s, { measure: 'words' }));
    expect(cellsOf(r)).toEqual([
      ['Support', { P1: 19, P2: 6, P3: 0 }, 25], // P1 17 + 2
      ['Preceptor', { P1: 4, P2: 6, P3: 0 }, 10],
      ['Well-being', { P1: 15, P2: 2, P3: 9 }, 26], // P1 9 + 2 + 4; P2 "Badly, honestly." (not "Do you sleep?"); P3 5 + 4
      ['Sleep', { P1: 9, P2: 2, P3: 5 }, 16], // P1 5 + 4
      ['Stress', { P1: 8, P2: 0, P3: 4 }, 12], // P1 6 + 2
      ['Workload', { P1: 0, P2: 6, P3: 4 }, 10],
      ['(totals)', { P1: 23, P2: 14, P3: 12 }, 49], // P1 17 + 6; P2 8 + 6; P3 5 + 7
    ]);
  });

  it('coverage by wave: words ÷ the participant words of the column’s sources; the row total is not a sum', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'coverage' }));
    expect(r.columns).toEqual(['T1', 'T2']);
    // T1 has 17 + 9 + 8 = 34 participant words, T2 10 + 7 + 7 = 24, all 58.
    expect(cellsOf(r)).toEqual([
      ['Support', { T1: (17 / 34) * 100, T2: (8 / 24) * 100 }, (25 / 58) * 100], // T2: 2 + 6
      ['Preceptor', { T1: (4 / 34) * 100, T2: (6 / 24) * 100 }, (10 / 58) * 100],
      ['Well-being', { T1: (18 / 34) * 100, T2: (8 / 24) * 100 }, (26 / 58) * 100], // T1: 11 + 2 + 5; T2: 4 + 4
      ['Sleep', { T1: (12 / 34) * 100, T2: (4 / 24) * 100 }, (16 / 58) * 100], // T1: 5 + 2 + 5
      ['Stress', { T1: (8 / 34) * 100, T2: (4 / 24) * 100 }, (12 / 58) * 100],
      ['Workload', { T1: (6 / 34) * 100, T2: (4 / 24) * 100 }, (10 / 58) * 100],
      ['(totals)', { T1: (30 / 34) * 100, T2: (19 / 24) * 100 }, (49 / 58) * 100], // T1: 17 + 8 + 5; T2: 6 + 6 + 7
    ]);
    expect(r.totalsNote).toMatch(/^Row total: .*not necessarily the sum of the row \(words ÷ the participant words of all columns’ sources\)/);
  });

  it('cases and presence by a case attribute; a case without the attribute goes under (none), last', async () => {
    const f = await reportProject();
    const cases = f.withScope({}, (s) => matrixReport(s, { by: 'attr:Role', measure: 'cases' }));
    expect(cases.by).toBe('attr:role');
    expect(cases.columns).toEqual(['hca', 'nurse', '(none)']); // P2 hca, P1 nurse, P3 none
    expect(cellsOf(cases)).toEqual([
      ['Support', { hca: 1, nurse: 1, '(none)': 0 }, 2],
      ['Preceptor', { hca: 1, nurse: 1, '(none)': 0 }, 2],
      ['Well-being', { hca: 1, nurse: 1, '(none)': 1 }, 3],
      ['Sleep', { hca: 1, nurse: 1, '(none)': 1 }, 3],
      ['Stress', { hca: 0, nurse: 1, '(none)': 1 }, 2],
      ['Workload', { hca: 1, nurse: 0, '(none)': 1 }, 2],
      ['(totals)', { hca: 1, nurse: 1, '(none)': 1 }, 3],
    ]);
    const presence = f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'presence' }));
    // Stress: T1 (P1_T1), T2 (P3_T2); Preceptor T1 (P1_T1), T2 (P2_T2); Workload T1 (P2_T1), T2 (P3_T2).
    expect(cellsOf(presence).map(([code, cells, total]) => [code, cells, total])).toEqual([
      ['Support', { T1: 1, T2: 1 }, 1], ['Preceptor', { T1: 1, T2: 1 }, 1], ['Well-being', { T1: 1, T2: 1 }, 1],
      ['Sleep', { T1: 1, T2: 1 }, 1], ['Stress', { T1: 1, T2: 1 }, 1], ['Workload', { T1: 1, T2: 1 }, 1], ['(totals)', { T1: 1, T2: 1 }, 1],
    ]);
  });

  it('filters: --wave 1 by source, --where role=nurse, --coder bo, --codes', async () => {
    const f = await reportProject();
    const t1 = f.withScope({ waves: ['1'] }, (s) => matrixReport(s, { by: 'source' }));
    expect(t1.columns).toEqual(['P1_T1', 'P2_T1', 'P3_T1']);
    expect(cellsOf(t1)).toEqual([
      ['Support', { P1_T1: 1, P2_T1: 0, P3_T1: 0 }, 1],
      ['Preceptor', { P1_T1: 1, P2_T1: 0, P3_T1: 0 }, 1],
      ['Well-being', { P1_T1: 2, P2_T1: 1, P3_T1: 1 }, 4],
      ['Sleep', { P1_T1: 1, P2_T1: 1, P3_T1: 1 }, 3],
      ['Stress', { P1_T1: 2, P2_T1: 0, P3_T1: 0 }, 2],
      ['Workload', { P1_T1: 0, P2_T1: 1, P3_T1: 0 }, 1],
      ['(totals)', { P1_T1: 1, P2_T1: 2, P3_T1: 1 }, 4],
    ]);
    // Only P1 (nurse): words by wave.
    const nurse = f.withScope({ where: ['role=nurse'] }, (s) => matrixReport(s, { by: 'wave', measure: 'words' }));
    expect(cellsOf(nurse)).toEqual([
      ['Support', { T1: 17, T2: 2 }, 19], ['Preceptor', { T1: 4, T2: 0 }, 4], ['Well-being', { T1: 11, T2: 4 }, 15],
      ['Sleep', { T1: 5, T2: 4 }, 9], ['Stress', { T1: 8, T2: 0 }, 8], ['Workload', { T1: 0, T2: 0 }, 0], ['(totals)', { T1: 17, T2: 6 }, 23],
    ]);
    // bo alone: Sleep P1_T1 "hard after nights." (3 words) and P2_T1 turns 3–4 (2); Stress "a lot." (2);
    // Preceptor "My preceptor helps me" (4); Workload "stressed about the staffing." (4).
    const bo = f.withScope({ coders: ['bo'], codes: ['Well-being', 'workload'] }, (s) => matrixReport(s, { measure: 'words' }));
    expect(cellsOf(bo)).toEqual([
      ['Well-being', { P1: 5, P2: 2, P3: 0 }, 7], ['Sleep', { P1: 3, P2: 2, P3: 0 }, 5], ['Stress', { P1: 2, P2: 0, P3: 0 }, 2],
      ['Workload', { P1: 0, P2: 0, P3: 4 }, 4], ['(totals)', { P1: 5, P2: 2, P3: 4 }, 11],
    ]);
  });

  it('refuses an unknown --by, attribute or --measure, naming what exists', async () => {
    const f = await reportProject();
    expect(() => f.withScope({}, (s) => matrixReport(s, { by: 'person' }))).toThrow('--by person: expected case, wave, source or attr:NAME');
    expect(() => f.withScope({}, (s) => matrixReport(s, { by: 'attr:age' }))).toThrow(expect.objectContaining({ message: '--by attr:age: no case has the attribute "age"', hint: 'attributes: role' }));
    expect(() => f.withScope({}, (s) => matrixReport(s, { measure: 'refs' as never }))).toThrow('--measure refs: expected one of references, cases, words, coverage, presence');
  });

  it('renders Markdown (indented codes, Total row) and CSV (raw numbers)', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'coverage' }));
    const nb = '\u00a0\u00a0';
    expect(renderReport('md', matrixView(r))).toBe([
      '## Code matrix: coverage by wave',
      '',
      `Cells: coverage (words ÷ the participant words of the column’s sources, %), over each column’s sources; a theme includes its sub-codes, and the codings of all coders in scope are merged. ${r.totalsNote}`,
      '',
      '| code | T1 | T2 | total |',
      '| --- | ---: | ---: | ---: |',
      '| Support | 50.0 | 33.3 | 43.1 |',
      `| ${nb}Preceptor | 11.8 | 25.0 | 17.2 |`,
      '| Well-being | 52.9 | 33.3 | 44.8 |',
      `| ${nb}Sleep | 35.3 | 16.7 | 27.6 |`,
      `| ${nb}Stress | 23.5 | 16.7 | 20.7 |`,
      '| Workload | 17.6 | 16.7 | 17.2 |',
      '| Total | 88.2 | 79.2 | 84.5 |',
      '',
    ].join('\n'));
    const refs = f.withScope({}, (s) => matrixReport(s, { by: 'attr:role' }));
    expect(renderReport('csv', matrixView(refs))).toBe([
      'code,depth,hca,nurse,(none),total',
      'Support,0,1,2,0,3',
      'Preceptor,1,1,1,0,2',
      'Well-being,0,1,3,2,6',
      'Sleep,1,1,2,1,4',
      'Stress,1,0,2,1,3',
      'Workload,0,1,0,1,2',
      'Total,0,3,3,2,8',
      '',
    ].join('\r\n'));
    expect(renderReport('csv', matrixView(f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'coverage' }))))).toContain('\r\nSupport,0,50,33.33333333333333,43.103448275862064\r\n');
  });
});

describe('report cooccurrence', () => {
  it('overlap: places where two codes’ passages share a code point; nested codes are not compared', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => cooccurrenceReport(s));
    expect(r.within).toBe('overlap');
    expect(r.codes).toEqual([
      { code: 'Support', path: ['Support'], depth: 0 }, { code: 'Preceptor', path: ['Support', 'Preceptor'], depth: 1 },
      { code: 'Well-being', path: ['Well-being'], depth: 0 }, { code: 'Sleep', path: ['Well-being', 'Sleep'], depth: 1 },
      { code: 'Stress', path: ['Well-being', 'Stress'], depth: 1 }, { code: 'Workload', path: ['Workload'], depth: 0 },
    ]);
    const nested = { count: null, countA: null, countB: null, jaccard: null };
    expect(r.pairs).toEqual([
      { a: 'Support', b: 'Preceptor', ...nested },
      // P1_T1: the Support span overlaps both Well-being spans: one place. P1_T2: "Nights are still hard." and
      // "Nobody really." are apart: two places. Support places: P1_T1, P1_T2, P2_T2 = 3; Well-being places:
      // P1_T1, P1_T2, P2_T1, P3_T1, P3_T2 = 5 (6 references, two in one place). 1 ÷ (3 + 5 − 1).
      { a: 'Support', b: 'Well-being', count: 1, countA: 3, countB: 5, jaccard: 1 / 7 },
      { a: 'Support', b: 'Sleep', count: 1, countA: 3, countB: 4, jaccard: 1 / 6 }, // Sleep: P1_T1, P1_T2, P2_T1, P3_T1
      // P1_T1: Support with both Stress spans is one place; Stress also P3_T2: 1 ÷ (3 + 2 − 1).
      { a: 'Support', b: 'Stress', count: 1, countA: 3, countB: 2, jaccard: 1 / 4 },
      { a: 'Support', b: 'Workload', count: 0, countA: 3, countB: 2, jaccard: 0 },
      // "My preceptor helps me" and "a lot." do not even touch (a space between).
      { a: 'Preceptor', b: 'Well-being', count: 0, countA: 2, countB: 6, jaccard: 0 },
      { a: 'Preceptor', b: 'Sleep', count: 0, countA: 2, countB: 4, jaccard: 0 },
      { a: 'Preceptor', b: 'Stress', count: 0, countA: 2, countB: 3, jaccard: 0 },
      { a: 'Preceptor', b: 'Workload', count: 0, countA: 2, countB: 2, jaccard: 0 },
      { a: 'Well-being', b: 'Sleep', ...nested },
      { a: 'Well-being', b: 'Stress', ...nested },
      // P3_T2 "Still tired. Still stressed" ∩ "stressed about the staffing.": 1 ÷ (6 + 2 − 1).
      { a: 'Well-being', b: 'Workload', count: 1, countA: 6, countB: 2, jaccard: 1 / 7 },
      // P1_T1: Sleep overlaps "tired … Sleep is"; "a lot." is a Stress-only place: Stress places 3. 1 ÷ (4 + 3 − 1).
      { a: 'Sleep', b: 'Stress', count: 1, countA: 4, countB: 3, jaccard: 1 / 6 },
      // P2_T1 "…no breaks." and the turns 3–4 span are apart.
      { a: 'Sleep', b: 'Workload', count: 0, countA: 4, countB: 2, jaccard: 0 },
      { a: 'Stress', b: 'Workload', count: 1, countA: 3, countB: 2, jaccard: 1 / 4 },
    ]);
  });

  it('turn and source units', async () => {
    const f = await reportProject();
    const pick = (within: 'turn' | 'source') => f.withScope({}, (s) => cooccurrenceReport(s, { within }))
      .pairs.filter((p) => p.count !== null).map((p) => `${p.a}/${p.b} ${p.count} ${p.countA} ${p.countB}`);
    // Turns. Support: P1_T1 turns 2, 3 (interviewer), 4; P1_T2 turn 4; P2_T2 turn 2 = 5.
    // Well-being: P1_T1 2, 4; P1_T2 2; P2_T1 3 (interviewer "Do you sleep?") and 4; P3_T1 2; P3_T2 2 = 7.
    // Preceptor: P1_T1 4, P2_T2 2. Sleep: P1_T1 2, P1_T2 2, P2_T1 3, 4, P3_T1 2 = 5. Stress: P1_T1 2, 4; P3_T2 2 = 3.
    // Workload: P2_T1 2, P3_T2 2.
    expect(pick('turn')).toEqual([
      'Support/Well-being 2 5 7', // P1_T1 turns 2 and 4
      'Support/Sleep 1 5 5',
      'Support/Stress 2 5 3',
      'Support/Workload 0 5 2',
      'Preceptor/Well-being 1 2 7', // P1_T1 turn 4: "My preceptor helps me" and "a lot."
      'Preceptor/Sleep 0 2 5',
      'Preceptor/Stress 1 2 3',
      'Preceptor/Workload 0 2 2',
      'Well-being/Workload 1 7 2', // P3_T2 turn 2 (P2_T1's Workload is turn 2, Sleep turns 3–4)
      'Sleep/Stress 1 5 3',
      'Sleep/Workload 0 5 2',
      'Stress/Workload 1 3 2',
    ]);
    // Sources. Support: P1_T1, P1_T2, P2_T2; Well-being: P1_T1, P1_T2, P2_T1, P3_T1, P3_T2; Preceptor: P1_T1, P2_T2;
    // Sleep: P1_T1, P1_T2, P2_T1, P3_T1; Stress: P1_T1, P3_T2; Workload: P2_T1, P3_T2.
    expect(pick('source')).toEqual([
      'Support/Well-being 2 3 5', 'Support/Sleep 2 3 4', 'Support/Stress 1 3 2', 'Support/Workload 0 3 2',
      'Preceptor/Well-being 1 2 5', 'Preceptor/Sleep 1 2 4', 'Preceptor/Stress 1 2 2', 'Preceptor/Workload 0 2 2',
      'Well-being/Workload 2 5 2', 'Sleep/Stress 1 4 2', 'Sleep/Workload 1 4 2', 'Stress/Workload 1 2 2',
    ]);
    const src = f.withScope({}, (s) => cooccurrenceReport(s, { within: 'source' }));
    expect(src.pairs.find((p) => p.a === 'Support' && p.b === 'Well-being')!.jaccard).toBe(2 / 6);
    // --wave 2: Sleep only in P1_T2, Stress only in P3_T2: no common source.
    const t2 = f.withScope({ waves: ['2'], codes: ['Well-being'] }, (s) => cooccurrenceReport(s, { within: 'source' }));
    expect(t2.pairs.find((p) => p.a === 'Sleep')).toEqual({ a: 'Sleep', b: 'Stress', count: 0, countA: 1, countB: 1, jaccard: 0 });
    // --wave 2: Preceptor only in P2_T2, Workload only in P3_T2.
    const apart = f.withScope({ waves: ['2'], codes: ['Preceptor', 'Workload'] }, (s) => cooccurrenceReport(s, { within: 'source' }));
    expect(apart.pairs).toEqual([{ a: 'Preceptor', b: 'Workload', count: 0, countA: 1, countB: 1, jaccard: 0 }]);
    // Only P3_T1, where neither Support nor Workload occurs: 0 ÷ 0 is undefined.
    const empty = f.withScope({ waves: ['1'], sources: 'P3_*', codes: ['Support', 'Workload'] }, (s) => cooccurrenceReport(s, { within: 'source' }));
    expect(empty.pairs.find((p) => p.b === 'Workload')).toEqual({ a: 'Support', b: 'Workload', count: 0, countA: 0, countB: 0, jaccard: null });
  });

  it('turn: a source without speaker labels is one unit; the header before the first label is in no turn', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'N1.txt', 'I work nights. I sleep badly.\n');
    put(dir, 'H1.txt', 'Ward 7, March\nInterviewer: Nights?\nParticipant: Awful.\n');
    await ingest(ctx, ['N1.txt', 'H1.txt']);
    const ana = { ...ctx, coder: 'ana' };
    for (const [code, source, match] of [['Nights', 'N1', 'I work nights.'], ['Sleep', 'N1', 'I sleep badly.'], ['Nights', 'H1', 'Ward 7'], ['Sleep', 'H1', 'Awful.']]) {
      tag(ana, { codes: [code!], source: source!, selector: { match: match! }, createNew: true });
    }
    const r = withProject(ctx, (p) => cooccurrenceReport(loadScope(p), { within: 'turn' }), { readonly: true });
    // N1: both codes in the one unit; H1: "Ward 7" is header (no unit), "Awful." is turn 2. Nights 1 unit, Sleep 2.
    expect(r.pairs).toEqual([{ a: 'Nights', b: 'Sleep', count: 1, countA: 1, countB: 2, jaccard: 1 / 2 }]);
  });

  it('renders a square upper triangle in Markdown and one row per pair in CSV', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => cooccurrenceReport(s));
    expect(renderReport('md', cooccurrenceView(r, 'md'))).toBe([
      '## Code co-occurrence (overlap)',
      '',
      'Counts: places where the two codes’ passages overlap (share at least one character); a place is a chain of overlapping passages of either code. In brackets the Jaccard coefficient: count ÷ (units with the row code + units with the column code − count). — : a code and its own theme or sub-code, not compared.',
      '',
      '| code | \\# | 2 | 3 | 4 | 5 | 6 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| Support | 1 | — | 1 (0.14) | 1 (0.17) | 1 (0.25) | 0 (0.00) |',
      '| \u00a0\u00a0Preceptor | 2 |  | 0 (0.00) | 0 (0.00) | 0 (0.00) | 0 (0.00) |',
      '| Well-being | 3 |  |  | — | — | 1 (0.14) |',
      '| \u00a0\u00a0Sleep | 4 |  |  |  | 1 (0.17) | 0 (0.00) |',
      '| \u00a0\u00a0Stress | 5 |  |  |  |  | 1 (0.25) |',
      '| Workload | 6 |  |  |  |  |  |',
      '',
    ].join('\n'));
    const csv = renderReport('csv', cooccurrenceView(r, 'csv')).split('\r\n');
    expect(csv.slice(0, 3)).toEqual(['code a,code b,count,units a,units b,jaccard', 'Support,Preceptor,,,,', 'Support,Well-being,1,3,5,0.14285714285714285']);
  });
});

describe('report quotes', () => {
  it('every coded passage, participant talk only, grouped by code then case, with case, wave, source and lines', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => quotesReport(s, ['support', 'Well-being', 'SUPPORT']));
    expect(r).toEqual({
      codes: [
        {
          code: 'Support', path: ['Support'],
          quotes: [
            // Lines 2–4 less the labels and the interviewer's "And support?": two pieces joined by " … ".
            { text: 'I feel tired all the time. Sleep is hard after nights. … My preceptor helps me a lot.', case: 'P1', wave: '1', source: 'P1_T1', lineStart: 2, lineEnd: 4, words: 17 },
            { text: 'Nobody really.', case: 'P1', wave: '2', source: 'P1_T2', lineStart: 4, lineEnd: 4, words: 2 },
            { text: 'My preceptor and the team help.', case: 'P2', wave: '2', source: 'P2_T2', lineStart: 2, lineEnd: 2, words: 6 },
          ],
        },
        {
          code: 'Well-being', path: ['Well-being'],
          quotes: [
            { text: 'tired all the time. Sleep is hard after nights.', case: 'P1', wave: '1', source: 'P1_T1', lineStart: 2, lineEnd: 2, words: 9 },
            { text: 'a lot.', case: 'P1', wave: '1', source: 'P1_T1', lineStart: 4, lineEnd: 4, words: 2 },
            { text: 'Nights are still hard.', case: 'P1', wave: '2', source: 'P1_T2', lineStart: 2, lineEnd: 2, words: 4 },
            // The span starts at "Do you sleep?" (line 3, interviewer): only line 4's talk is quoted.
            { text: 'Badly, honestly.', case: 'P2', wave: '1', source: 'P2_T1', lineStart: 4, lineEnd: 4, words: 2 },
            { text: 'I cannot sleep after nights.', case: 'P3', wave: '1', source: 'P3_T1', lineStart: 2, lineEnd: 2, words: 5 },
            { text: 'Still tired. Still stressed', case: 'P3', wave: '2', source: 'P3_T2', lineStart: 2, lineEnd: 2, words: 4 },
          ],
        },
      ],
    });
  });

  it('--min-words, then --per-case, then --max; --wave and --coder narrow the passages', async () => {
    const f = await reportProject();
    const texts = (o: Parameters<typeof quotesReport>[2], filters = {}) => f.withScope(filters, (s) => quotesReport(s, ['Well-being'], o)).codes[0]!.quotes.map((q) => q.text);
    expect(texts({ perCase: 1 })).toEqual(['tired all the time. Sleep is hard after nights.', 'Badly, honestly.', 'I cannot sleep after nights.']);
    // ≥ 4 words drops "a lot." and "Badly, honestly."; then one per case; then at most 2.
    expect(texts({ minWords: 4, perCase: 1, max: 2 })).toEqual(['tired all the time. Sleep is hard after nights.', 'I cannot sleep after nights.']);
    expect(texts({}, { waves: ['2'] })).toEqual(['Nights are still hard.', 'Still tired. Still stressed']);
    // bo alone: Sleep "hard after nights." and Stress "a lot." in P1_T1, Sleep turns 3–4 in P2_T1.
    expect(texts({}, { coders: ['bo'] })).toEqual(['hard after nights.', 'a lot.', 'Badly, honestly.']);
  });

  it('a misspelt code suggests the nearest names', async () => {
    const f = await reportProject();
    expect(() => f.withScope({}, (s) => quotesReport(s, ['Wellbeing']))).toThrow(expect.objectContaining({ message: 'no code "Wellbeing" in the codebook', hint: 'did you mean "Well-being"?' }));
  });

  it('renders a Markdown quote bank and a table row per quote', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => quotesReport(s, ['Support', 'Workload']));
    expect(renderReport('md', quotesView(r, 'md'))).toBe([
      '## Quote bank',
      '',
      '### Support',
      '',
      '**P1**',
      '',
      '> I feel tired all the time. Sleep is hard after nights. … My preceptor helps me a lot. P1 (T1), P1\\_T1 lines 2–4',
      '',
      '> Nobody really. P1 (T2), P1\\_T2 line 4',
      '',
      '**P2**',
      '',
      '> My preceptor and the team help. P2 (T2), P2\\_T2 line 2',
      '',
      '### Workload',
      '',
      '**P2**',
      '',
      '> Too many patients and no breaks. P2 (T1), P2\\_T1 line 2',
      '',
      '**P3**',
      '',
      '> stressed about the staffing. P3 (T2), P3\\_T2 line 2',
      '',
    ].join('\n'));
    expect(renderReport('csv', quotesView(r, 'csv')).split('\r\n').slice(0, 2)).toEqual([
      'code,case,wave,source,from line,to line,words,quote',
      'Support,P1,T1,P1_T1,2,4,17,I feel tired all the time. Sleep is hard after nights. … My preceptor helps me a lot.',
    ]);
  });
});

describe('report framework', () => {
  it('cases × codes with each case’s passages by wave; --depth 1 keeps the top-level codes', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s) => frameworkReport(s, { levels: 1 }));
    expect(r).toEqual({
      content: 'passages',
      codes: [{ code: 'Support', path: ['Support'], depth: 0 }, { code: 'Well-being', path: ['Well-being'], depth: 0 }, { code: 'Workload', path: ['Workload'], depth: 0 }],
      rows: [
        {
          case: 'P1',
          cells: {
            Support: [
              { wave: '1', source: 'P1_T1', text: 'I feel tired all the time. Sleep is hard after nights. … My preceptor helps me a lot.', lineStart: 2, lineEnd: 4 },
              { wave: '2', source: 'P1_T2', text: 'Nobody really.', lineStart: 4, lineEnd: 4 },
            ],
            'Well-being': [
              { wave: '1', source: 'P1_T1', text: 'tired all the time. Sleep is hard after nights.', lineStart: 2, lineEnd: 2 },
              { wave: '1', source: 'P1_T1', text: 'a lot.', lineStart: 4, lineEnd: 4 },
              { wave: '2', source: 'P1_T2', text: 'Nights are still hard.', lineStart: 2, lineEnd: 2 },
            ],
            Workload: [],
          },
        },
        {
          case: 'P2',
          cells: {
            Support: [{ wave: '2', source: 'P2_T2', text: 'My preceptor and the team help.', lineStart: 2, lineEnd: 2 }],
            'Well-being': [{ wave: '1', source: 'P2_T1', text: 'Badly, honestly.', lineStart: 4, lineEnd: 4 }],
            Workload: [{ wave: '1', source: 'P2_T1', text: 'Too many patients and no breaks.', lineStart: 2, lineEnd: 2 }],
          },
        },
        {
          case: 'P3',
          cells: {
            Support: [],
            'Well-being': [
              { wave: '1', source: 'P3_T1', text: 'I cannot sleep after nights.', lineStart: 2, lineEnd: 2 },
              { wave: '2', source: 'P3_T2', text: 'Still tired. Still stressed', lineStart: 2, lineEnd: 2 },
            ],
            Workload: [{ wave: '2', source: 'P3_T2', text: 'stressed about the staffing.', lineStart: 2, lineEnd: 2 }],
          },
        },
      ],
    });
    // Without --depth every shown code with something in its column, in tree order.
    expect(f.withScope({}, (s) => frameworkReport(s)).codes.map((c) => c.code)).toEqual(['Support', 'Preceptor', 'Well-being', 'Sleep', 'Stress', 'Workload']);
    // --wave 1 --where role=hca: only P2_T1, which has Well-being (Sleep) and Workload.
    const hca = f.withScope({ waves: ['1'], where: ['role=hca'] }, (s) => frameworkReport(s));
    expect(hca.codes.map((c) => c.code)).toEqual(['Well-being', 'Sleep', 'Workload']);
    expect(hca.rows.map((x) => x.case)).toEqual(['P2']);
  });

  it('--memos: memos on the case (or its sources, or codings in them) and the code (or its codings), rolled up', async () => {
    const f = await reportProject();
    const r = f.withScope({}, (s, p) => frameworkReport(s, { memos: frameworkMemos(p) }));
    // Memo 1 (case P2 + Workload): P2 × Workload, no source. Memo 2 (coding of Sleep in P3_T1): P3 × Sleep and
    // Well-being. Memo 3 (source only) and memo 4 (code only) belong to no cell. Memo 5 (P1_T1 + Preceptor):
    // P1 × Preceptor and Support. Stress has no memo: no column.
    const m2 = { wave: '1', source: 'P3_T1', text: 'Sleep after nights, again.', memo: 2, coder: 'ana' };
    const m5 = { wave: '1', source: 'P1_T1', text: 'Preceptor as a lifeline.', memo: 5, coder: 'ana' };
    expect(r).toEqual({
      content: 'memos',
      codes: ['Support', 'Preceptor', 'Well-being', 'Sleep', 'Workload'].map((c) => expect.objectContaining({ code: c })),
      rows: [
        { case: 'P1', cells: { Support: [m5], Preceptor: [m5], 'Well-being': [], Sleep: [], Workload: [] } },
        { case: 'P2', cells: { Support: [], Preceptor: [], 'Well-being': [], Sleep: [], Workload: [{ wave: null, source: null, text: 'Short-staffed — Raises staffing unprompted.', memo: 1, coder: 'ana' }] } },
        { case: 'P3', cells: { Support: [], Preceptor: [], 'Well-being': [m2], Sleep: [m2], Workload: [] } },
      ],
    });
    // --wave 2: the sources of memos 2 and 5 are out of scope; memo 1 is linked to the case itself.
    const t2 = f.withScope({ waves: ['2'] }, (s, p) => frameworkReport(s, { memos: frameworkMemos(p) }));
    expect(t2.codes.map((c) => c.code)).toEqual(['Workload']);
    expect(t2.rows.map((x) => [x.case, x.cells.Workload!.map((m) => m.memo)])).toEqual([['P1', []], ['P2', [1]], ['P3', []]]);
    expect(f.withScope({}, (s, p) => frameworkReport(s, { memos: frameworkMemos(p, ['bo']) })).codes).toEqual([]);
  });

  it('cuts passages after 25 words; renders a Markdown grid', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i + 1}`).join(' ');
    expect(clipWords(`${words}.`, 25)).toBe(`${words.split(' ').slice(0, 25).join(' ')} …`);
    expect(clipWords('one, two; three', 2)).toBe('one, two …');
    expect(clipWords('one two.', 2)).toBe('one two.');
    const f = await reportProject();
    const r = f.withScope({}, (s) => frameworkReport(s, { levels: 1 }));
    expect(renderReport('md', frameworkView(r))).toBe([
      '## Framework matrix',
      '',
      'Cells: the case’s coded participant talk (a theme includes its sub-codes; the codings of the coders in scope merged), by wave, each passage cut after 25 words.',
      '',
      '| case | Support | Well-being | Workload |',
      '| --- | --- | --- | --- |',
      '| P1 | T1: I feel tired all the time. Sleep is hard after nights. … My preceptor helps me a lot. / T2: Nobody really. | T1: tired all the time. Sleep is hard after nights. / T1: a lot. / T2: Nights are still hard. |  |',
      '| P2 | T2: My preceptor and the team help. | T1: Badly, honestly. | T1: Too many patients and no breaks. |',
      '| P3 |  | T1: I cannot sleep after nights. / T2: Still tired. Still stressed | T2: stressed about the staffing. |',
      '',
    ].join('\n'));
  });
});

describe('determinism', () => {
  const FORMATS: ReportFormat[] = ['table', 'md', 'csv', 'json', 'tex', 'html'];
  const renderAll = (f: ReportFixture): string[] => f.withScope({}, (s, p) => FORMATS.flatMap((format) => [
    renderReport(format, matrixView(matrixReport(s, { by: 'attr:role', measure: 'coverage' }))),
    renderReport(format, cooccurrenceView(cooccurrenceReport(s, { within: 'turn' }), format)),
    renderReport(format, quotesView(quotesReport(s, ['Well-being', 'Support']), format)),
    renderReport(format, frameworkView(frameworkReport(s))),
    renderReport(format, frameworkView(frameworkReport(s, { memos: frameworkMemos(p) }))),
  ]));

  it('gives byte-identical output on a second run and on a second copy of the project', async () => {
    const f = await reportProject();
    const first = renderAll(f);
    expect(renderAll(f)).toEqual(first);
    expect(renderAll(await reportProject())).toEqual(first);
  });
});
