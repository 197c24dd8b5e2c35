/**
 * trajectory, saturation, codebook and sample on a small project whose every figure is
 * checked by hand (the arithmetic is in the comments).
 *
 * Cases (cases.csv): P1 woman 22 North, P2 man 41 South, P3 woman 30 North.
 * Sources, with participant (P) and interviewer (I) words:
 *   P1_T1.txt  2024-01-10, duration 60 (min)   I 3 + P 12 = 15 words
 *   P2_T1.md   2024-01-05, duration "45 min"   I 4 + P  9 = 13
 *   P3_T1.vtt  no date; cues 00:00:00–00:30:00 = 30 min   I 4 + P 5 = 9
 *   P1_T2.txt  2024-06-01, no duration          I 2 + P  8 = 10
 *   P2_T2.txt  no date, no duration             I 3 + P  6 = 9
 * (P3 has no second interview.)
 * Codes: Leaving; Support > Peers; Wellbeing > Sleep; Workload. Codings by ana (words):
 *   P1_T1 Workload "Work is heavy" (3), Support "my team helps me" (4), Leaving "I might leave soon" (4)
 *   P2_T1 Sleep "I sleep badly" (3), Workload "The work never stops" (4)
 *   P3_T1 Peers "My peers keep me going" (5)
 *   P1_T2 Sleep "I sleep four hours a night" (6)
 *   P2_T2 Support "The team has my back now" (6)
 * Wellbeing itself is never coded: only through Sleep.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { importCases } from '../../src/app/cases.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope, type ReportFilters, type ReportScope } from '../../src/app/report-scope.js';
import { codebookReport, codebookReportView } from '../../src/app/reports/codebook-report.js';
import { sampleReport, sampleView } from '../../src/app/reports/sample.js';
import { saturationReport, saturationView, type SaturationOptions } from '../../src/app/reports/saturation.js';
import { trajectoryReport, trajectoryView, type TrajectoryReport } from '../../src/app/reports/trajectory.js';
import { tag } from '../../src/app/tag.js';
import { renderReport, type ReportFormat, type ReportView } from '../../src/format/report.js';
import { newProject, put } from '../support/project.js';

const FILES: Record<string, string> = {
  'P1_T1.txt': '---\ndate: 2024-01-10\nduration: 60\n---\nInterviewer: How are things?\nParticipant: Work is heavy and my team helps me. I might leave soon.\n',
  'P2_T1.md': '---\ndate: 2024-01-05\nduration: 45 min\n---\nInterviewer: Tell me about nights.\nParticipant: I sleep badly after nights. The work never stops.\n',
  'P3_T1.vtt': 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Interviewer>How is the ward?\n\n00:29:55.000 --> 00:30:00.000\n<v Participant>My peers keep me going.\n',
  'P1_T2.txt': '---\ndate: 2024-06-01\n---\nInterviewer: And now?\nParticipant: Still tired. I sleep four hours a night.\n',
  'P2_T2.txt': 'Interviewer: And your team?\nParticipant: The team has my back now.\n',
};

async function study(): Promise<AppContext> {
  const { dir, ctx } = newProject();
  for (const [name, text] of Object.entries(FILES)) put(dir, `interviews/${name}`, text);
  put(dir, 'cases.csv', 'case,gender,age,site\nP1,woman,22,North\nP2,man,41,South\nP3,woman,30,North\n');
  await ingest(ctx, ['interviews'], { namePattern: '{case}_T{wave}' });
  importCases(ctx, 'cases.csv');
  const ana = { ...ctx, coder: 'ana' };
  codebookAdd(ana, 'Wellbeing', undefined, {});
  codebookAdd(ana, 'Sleep', 'Wellbeing', { example: 'I can’t sleep after nights.' });
  codebookAdd(ana, 'Support', undefined, { description: 'Help from others at work or home.', include: 'Colleagues, family, friends.', exclude: 'Formal supervision.' });
  codebookAdd(ana, 'Peers', 'Support', {});
  codebookAdd(ana, 'Workload', undefined, {});
  codebookAdd(ana, 'Leaving', undefined, {});
  // Coded out of interview order, later interviews first: first-seen must not depend on it.
  const codings: [string, string, string][] = [
    ['Support', 'P2_T2', 'The team has my back now'],
    ['Sleep', 'P1_T2', 'I sleep four hours a night'],
    ['Peers', 'P3_T1', 'My peers keep me going'],
    ['Workload', 'P1_T1', 'Work is heavy'],
    ['Support', 'P1_T1', 'my team helps me'],
    ['Leaving', 'P1_T1', 'I might leave soon'],
    ['Sleep', 'P2_T1', 'I sleep badly'],
    ['Workload', 'P2_T1', 'The work never stops'],
  ];
  for (const [code, source, match] of codings) tag(ana, { codes: [code], source, selector: { match } });
  return ctx;
}

const scoped = <T>(ctx: AppContext, f: ReportFilters, fn: (s: ReportScope) => T): T => withProject(ctx, (p) => fn(loadScope(p, f)), { readonly: true });
const FORMATS: ReportFormat[] = ['table', 'md', 'csv', 'json', 'tex', 'html'];

/** A trajectory row's cases as symbol strings, e.g. { P1: '● –' }. */
function patterns(r: TrajectoryReport, code: string): Record<string, string> {
  const row = r.rows.find((x) => x.code === code)!;
  return Object.fromEntries(row.cases.map((c) => [c.case, r.waves.map((w) => (!c.waves[w]!.interviewed ? '·' : c.waves[w]!.present ? '●' : '–')).join(' ')]));
}

describe('report trajectory', () => {
  it('presence and words per code, case and wave; a theme includes its descendants; · when not interviewed', async () => {
    const ctx = await study();
    const r = scoped(ctx, {}, trajectoryReport);
    expect(r.waves).toEqual(['1', '2']);
    // Tree order, siblings by name: Leaving, Support > Peers, Wellbeing > Sleep, Workload.
    expect(r.rows.map((x) => [x.code, x.depth, x.path.join(' / ')])).toEqual([
      ['Leaving', 0, 'Leaving'], ['Support', 0, 'Support'], ['Peers', 1, 'Support / Peers'],
      ['Wellbeing', 0, 'Wellbeing'], ['Sleep', 1, 'Wellbeing / Sleep'], ['Workload', 0, 'Workload'],
    ]);
    // Support = own codings (P1_T1, P2_T2) + Peers (P3_T1): T1 P1 and P3, T2 P2.
    expect(patterns(r, 'Support')).toEqual({ P1: '● –', P2: '– ●', P3: '● ·' });
    const support = r.rows[1]!;
    expect(support.casesPerWave).toEqual({ 1: 2, 2: 1 });
    expect(support.cases[0]).toEqual({ case: 'P1', waves: { 1: { interviewed: true, present: true, words: 4 }, 2: { interviewed: true, present: false, words: 0 } } });
    expect(support.cases[1]!.waves['2']).toEqual({ interviewed: true, present: true, words: 6 });
    expect(support.cases[2]!.waves).toEqual({ 1: { interviewed: true, present: true, words: 5 }, 2: { interviewed: false, present: false, words: 0 } });
    // Wellbeing only through Sleep: P2 at T1 (3 words), P1 at T2 (6 words).
    expect(patterns(r, 'Wellbeing')).toEqual({ P1: '– ●', P2: '● –', P3: '– ·' });
    expect(r.rows[3]!.casesPerWave).toEqual({ 1: 1, 2: 1 });
    expect(r.rows[3]!.cases.map((c) => [c.waves['1']!.words, c.waves['2']!.words])).toEqual([[0, 6], [3, 0], [0, 0]]);
    expect(r.rows[5]!.casesPerWave).toEqual({ 1: 2, 2: 0 }); // Workload: P1 and P2 at T1, fading
  });

  it('renders ● – · in text, words in csv and as a heat map in html', async () => {
    const ctx = await study();
    const r = scoped(ctx, {}, trajectoryReport);
    const text = renderReport('table', trajectoryView(r, 'symbols'));
    expect(text.split('\n').slice(0, 5).map((l) => l.trimEnd())).toEqual([
      'code       case  T1  T2',
      'Leaving          1   0',
      '           P1    ●   –',
      '           P2    –   –',
      '           P3    –   ·',
    ]);
    const csv = renderReport('csv', trajectoryView(r, 'figures')).split('\r\n');
    expect(csv.slice(0, 2)).toEqual(['code,depth,case,T1,T2,pattern', 'Leaving,0,,1,0,']);
    expect(csv.slice(5, 9)).toEqual(['Support,0,,2,1,', ',,P1,4,0,● –', ',,P2,0,6,– ●', ',,P3,5,,● ·']);
    const html = renderReport('html', trajectoryView(r, 'words'));
    expect(html).toContain('data-value="6"');
    expect(html).not.toContain('data-value="2"'); // code rows' counts are not shaded
  });

  it('filters: --wave 1 leaves one wave; --where gender=woman leaves P1 and P3', async () => {
    const ctx = await study();
    const w1 = scoped(ctx, { waves: ['T1'] }, trajectoryReport);
    expect(w1.waves).toEqual(['1']);
    expect(patterns(w1, 'Support')).toEqual({ P1: '●', P2: '–', P3: '●' });
    const women = scoped(ctx, { where: ['gender=woman'] }, trajectoryReport);
    expect(women.waves).toEqual(['1', '2']);
    expect(patterns(women, 'Support')).toEqual({ P1: '● –', P3: '● ·' });
    expect(women.rows[1]!.casesPerWave).toEqual({ 1: 2, 2: 0 });
  });
});

describe('report saturation', () => {
  // Interview order: wave 1 by date — P2_T1 (01-05), P1_T1 (01-10), P3_T1 (undated, last) —
  // then wave 2 — P1_T2 (06-01), P2_T2 (undated).
  // First seen: P2_T1 Sleep, Workload | P1_T1 Leaving, Support | P3_T1 Peers | P1_T2 – | P2_T2 –.
  // Wellbeing is never seen: it has no coding of its own. Cumulative 2, 4, 5, 5, 5.
  const sat = async (o: SaturationOptions, f: ReportFilters = {}) => scoped(await study(), f, (s) => saturationReport(s, o));

  it('interview order, codes first seen, cumulative count', async () => {
    const r = await sat({ base: 2, run: 2 });
    expect(r.sources.map((s) => [s.index, s.source, s.date, s.newCodes, s.new, s.cumulative])).toEqual([
      [1, 'P2_T1', '2024-01-05', ['Sleep', 'Workload'], 2, 2],
      [2, 'P1_T1', '2024-01-10', ['Leaving', 'Support'], 2, 4],
      [3, 'P3_T1', null, ['Peers'], 1, 5],
      [4, 'P1_T2', '2024-06-01', [], 0, 5],
      [5, 'P2_T2', null, [], 0, 5],
    ]);
  });

  it('reached: base 2 (4 codes), runs 3–4: 1 new (25%), 4–5: 0 new (0%) → at interview 5, "3+2"', async () => {
    const r = await sat({ base: 2, run: 2 });
    expect(r).toMatchObject({ base: 2, run: 2, threshold: 5, baseCodes: 4 });
    expect(r.runs).toEqual([{ from: 3, to: 4, new: 1, pct: 25 }, { from: 4, to: 5, new: 0, pct: 0 }]);
    expect(r.saturation).toEqual({
      reached: true, at: 'P2_T2', index: 5, pct: 0, notation: '3+2',
      message: 'Saturation reached at interview 5 (3+2), with 0.0% new information in the run of interviews 4–5: 0 new codes against the base of 2 interviews (4 codes); threshold ≤ 5%.',
    });
  });

  it('not reached: base 2, run 3 — the one run 3–5 brings 1 new code, 25% > 5%', async () => {
    const r = await sat({ base: 2, run: 3 });
    expect(r.runs).toEqual([{ from: 3, to: 5, new: 1, pct: 25 }]);
    expect(r.saturation).toEqual({
      reached: false, at: null, index: null, pct: null, notation: null,
      message: 'Saturation not reached: no run of 3 interviews after the base of 2 interviews (4 codes) brought ≤ 5% new information; the lowest was 25.0% (interviews 3–5).',
    });
  });

  it('the defaults (base 4, run 2) need 6 interviews: 5 leave it unassessed', async () => {
    const r = await sat({});
    expect(r).toMatchObject({ base: 4, run: 2, threshold: 5, baseCodes: 5, runs: [] });
    expect(r.saturation.reached).toBe(false);
    expect(r.saturation.message).toBe('Saturation not assessed: 5 interviews in scope, fewer than the base of 4 plus one run of 2.');
  });

  it('filtered by wave 1 and base 1 run 2: P2_T1 (2 codes) then run 2–3 brings 3 new, 150%', async () => {
    const r = await sat({ base: 1, run: 2 }, { waves: ['1'] });
    expect(r.sources.map((s) => s.source)).toEqual(['P2_T1', 'P1_T1', 'P3_T1']);
    expect(r.runs).toEqual([{ from: 2, to: 3, new: 3, pct: 150 }]);
    expect(r.saturation.reached).toBe(false);
  });

  it('refuses parameters that make no sense', async () => {
    await expect(sat({ base: 0 })).rejects.toThrow(/--base 0/);
    await expect(sat({ run: 1.5 })).rejects.toThrow(/--run 1.5/);
    await expect(sat({ threshold: 101 })).rejects.toThrow(/--threshold 101/);
  });

  it('html carries the cumulative curve with the saturation point marked', async () => {
    const v = saturationView(await sat({ base: 2, run: 2 }));
    const html = renderReport('html', v);
    expect(html.match(/<circle /g)).toHaveLength(5);
    expect(html).toContain('class="mark"');
    expect(html).toContain('saturation (3+2)');
  });
});

describe('report codebook', () => {
  it('definitions, cases and references (a theme with its descendants), one example each', async () => {
    const ctx = await study();
    const r = scoped(ctx, {}, codebookReport);
    expect(r.rows.map((x) => [x.code, x.depth, x.cases, x.references])).toEqual([
      ['Leaving', 0, 1, 1], ['Support', 0, 3, 3], ['Peers', 1, 1, 1], ['Wellbeing', 0, 2, 2], ['Sleep', 1, 2, 2], ['Workload', 0, 2, 2],
    ]);
    const support = r.rows[1]!;
    expect(support).toMatchObject({ path: ['Support'], description: 'Help from others at work or home.', include: 'Colleagues, family, friends.', exclude: 'Formal supervision.' });
    // Candidates 4, 5 and 6 words; nearest to the preferred 15–80: "The team has my back now".
    expect(support.example).toEqual({ from: 'data', text: 'The team has my back now', case: 'P2', source: 'P2_T2', wave: '2' });
    expect(r.rows[4]!.example).toEqual({ from: 'codebook', text: 'I can’t sleep after nights.' });
    expect(r.rows[0]!.example).toMatchObject({ from: 'data', text: 'I might leave soon' });
    const md = renderReport('md', codebookReportView(r));
    expect(md).toContain('| Support | Help from others at work or home. | Colleagues, family, friends. | Formal supervision. | 3 | 3 | The team has my back now P2 (T2). |');
    expect(md).toContain('| \u00a0\u00a0Sleep |  |  |  | 2 | 2 | I can’t sleep after nights. |');
  });
});

describe('report sample', () => {
  it('counts, attributes, words and minutes; the sentence', async () => {
    const ctx = await study();
    const r = scoped(ctx, {}, sampleReport);
    expect(r).toMatchObject({
      cases: 3, sources: 5,
      interviewsPerCase: { min: 1, max: 2 }, // P1 2, P2 2, P3 1
      perWave: { 1: 3, 2: 2 },
    });
    expect(r.interviewsPerCase.mean).toBeCloseTo(5 / 3, 12);
    // Ages 22, 41, 30: mean 31; deviations −9, 10, −1 → (81 + 100 + 1) / 2 = 91 → SD √91.
    expect(r.attributes.age).toEqual({ kind: 'numeric', n: 3, min: 22, max: 41, mean: 31, sd: Math.sqrt(91) });
    expect(r.attributes.gender).toEqual({ kind: 'categorical', counts: { woman: 2, man: 1 } });
    expect(r.attributes.site).toEqual({ kind: 'categorical', counts: { North: 2, South: 1 } });
    expect(Object.keys(r.attributes)).toEqual(['age', 'gender', 'site']);
    // Words 15, 13, 9, 10, 9 = 56: mean 11.2; deviations 3.8, 1.8, −2.2, −1.2, −2.2 →
    // (14.44 + 3.24 + 4.84 + 1.44 + 4.84) / 4 = 28.8 / 4 = 7.2 → SD √7.2 = 2.683.
    expect(r.words.mean).toBeCloseTo(11.2, 12);
    expect(r.words.sd).toBeCloseTo(Math.sqrt(7.2), 12);
    // Minutes 60 (front matter number), 45 ("45 min"), 30 (VTT cues 0:00–30:00): mean 45; SD √((225 + 0 + 225) / 2) = 15.
    expect(r.minutes).toEqual({ n: 3, mean: 45, sd: 15 });
    expect(r.sentence).toBe('3 participants (2 women, 1 man) aged 22–41 (mean 31) were interviewed 1–2 times (mean 1.7); the 3 interviews with a known duration lasted 45 min on average (SD 15).');
  });

  it('filters: --wave 1 interviews everyone once; --where gender=woman keeps P1 and P3', async () => {
    const ctx = await study();
    const w1 = scoped(ctx, { waves: ['1'] }, sampleReport);
    expect(w1.sentence).toBe('3 participants (2 women, 1 man) aged 22–41 (mean 31) were interviewed once; interviews lasted 45 min on average (SD 15).');
    const women = scoped(ctx, { where: ['gender=woman'] }, sampleReport);
    // Ages 22, 30: mean 26. Minutes 60 and 30: mean 45, SD √((225 + 225) / 1) = 21.2.
    expect(women).toMatchObject({ cases: 2, sources: 3, perWave: { 1: 2, 2: 1 }, minutes: { n: 2, mean: 45 } });
    expect(women.sentence).toBe('2 participants (2 women) aged 22–30 (mean 26) were interviewed 1–2 times (mean 1.5); the 2 interviews with a known duration lasted 45 min on average (SD 21).');
  });

  it('md puts the sentence under the title, before the table', async () => {
    const ctx = await study();
    const md = renderReport('md', sampleView(scoped(ctx, {}, sampleReport)));
    expect(md.split('\n\n').slice(0, 2)).toEqual([
      '## Participants and interviews',
      '3 participants (2 women, 1 man) aged 22–41 (mean 31) were interviewed 1–2 times (mean 1.7); the 3 interviews with a known duration lasted 45 min on average (SD 15).',
    ]);
    expect(md).toContain('| age | 3 | 22 | 41 | 31.0 | 9.5 |  |');
    expect(md).toContain('| gender | 3 |  |  |  |  | woman 2, man 1 |');
  });
});

describe('determinism', () => {
  it('every kind in every format is byte-identical twice', async () => {
    const ctx = await study();
    const views = (): ReportView[] => [
      ...(['symbols', 'words', 'figures'] as const).map((c) => trajectoryView(scoped(ctx, {}, trajectoryReport), c)),
      saturationView(scoped(ctx, {}, (s) => saturationReport(s, { base: 2, run: 2 }))),
      codebookReportView(scoped(ctx, {}, codebookReport)),
      sampleView(scoped(ctx, {}, sampleReport)),
    ];
    const render = (): string[] => views().flatMap((v) => FORMATS.map((f) => renderReport(f, v)));
    expect(render()).toEqual(render());
  });
});
