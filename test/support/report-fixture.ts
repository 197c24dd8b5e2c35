/**
 * A small study for report tests: 3 cases (P1–P3) × 2 waves, two coders, codings chosen
 * so that every figure can be checked by hand. Participant words per source:
 *
 *   P1_T1 17 (L2: 11, L4: 6)   P1_T2 10 (L2: 8, L4: 2)
 *   P2_T1  9 (L2: 7, L4: 2)    P2_T2  7
 *   P3_T1  8                   P3_T2  7
 *
 * T1 = 34 words, T2 = 24, all = 58. Case attribute role: P1 nurse, P2 hca, P3 none.
 *
 * Codebook (tree order): Support > Preceptor; Well-being > Sleep, Stress; Workload.
 */
import type { AppContext } from '../../src/app/context.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { ingest } from '../../src/app/ingest.js';
import { addMemo } from '../../src/app/memos.js';
import { withProject, type Project } from '../../src/app/project.js';
import { loadScope, type ReportFilters, type ReportScope } from '../../src/app/report-scope.js';
import { tag } from '../../src/app/tag.js';
import type { Selector } from '../../src/app/select-spans.js';
import { newProject, put } from './project.js';

export const TRANSCRIPTS: Record<string, string> = {
  'P1_T1.txt': [
    'Interviewer: How are you?',
    'Participant: I feel tired all the time. Sleep is hard after nights.',
    'Interviewer: And support?',
    'Participant: My preceptor helps me a lot.',
    '',
  ].join('\n'),
  'P1_T2.txt': [
    'Interviewer: Any change?',
    'Participant: Nights are still hard. I run to relax.',
    'Interviewer: Who helps?',
    'Participant: Nobody really.',
    '',
  ].join('\n'),
  'P2_T1.txt': [
    'Interviewer: How is work?',
    'Participant: Busy. Too many patients and no breaks.',
    'Interviewer: Do you sleep?',
    'Participant: Badly, honestly.',
    '',
  ].join('\n'),
  'P2_T2.txt': ['Interviewer: Better now?', 'Participant: Yes. My preceptor and the team help.', ''].join('\n'),
  'P3_T1.txt': ['Interviewer: Tell me about nights.', 'Participant: I cannot sleep after nights. It is awful.', ''].join('\n'),
  'P3_T2.txt': ['Interviewer: And now?', 'Participant: Still tired. Still stressed about the staffing.', ''].join('\n'),
};

export interface ReportFixture {
  dir: string;
  ctx: AppContext;
  /** Runs `fn` on the scope of `filters` (a fresh read-only open each time). */
  withScope<T>(filters: ReportFilters, fn: (scope: ReportScope, project: Project) => T): T;
}

/**
 * The codings (coder: what, so what each figure sees):
 *
 *   1 P1_T1 Sleep ana     "Sleep is hard"                   ┐ merged: "Sleep is hard after nights." (5 words)
 *   2 P1_T1 Sleep bo      "hard after nights."              ┘ (two coders, overlapping)
 *   3 P1_T1 Stress ana    "tired all the time. Sleep is"    overlaps Sleep → Well-being: "tired … nights." 9 words
 *   4 P1_T1 Stress bo     "a lot." (L4)                     2 words
 *   5 P1_T1 Support ana   --lines 2-4                       L2 + interviewer L3 + L4: 11 + 6 = 17 participant words
 *   6 P1_T1 Preceptor bo  "My preceptor helps me"           4 words (inside 5; does not touch 4)
 *   7 P1_T2 Sleep ana     "Nights are still hard."          4 words
 *   8 P1_T2 Support ana   "Nobody really."                  2 words
 *   9 P2_T1 Workload ana  "Too many patients and no breaks." 6 words
 *  10 P2_T1 Sleep bo      --turns 3-4                       interviewer "Do you sleep?" + label + "Badly, honestly.": 2 words
 *  11 P2_T2 Preceptor ana "My preceptor and the team help." 6 words
 *  12 P3_T1 Sleep ana     "I cannot sleep after nights."    5 words
 *  13 P3_T2 Stress ana    "Still tired. Still stressed"     4 words
 *  14 P3_T2 Workload bo   "stressed about the staffing."    4 words, overlaps 13
 *
 * Memos (by ana): case P2 + Workload; coding 12 (P3_T1, Sleep); source P1_T2 only; code
 * Stress only; source P1_T1 + Preceptor.
 */
export async function reportProject(): Promise<ReportFixture> {
  const { dir, ctx } = newProject();
  for (const [name, text] of Object.entries(TRANSCRIPTS)) put(dir, name, text);
  put(dir, 'cases.csv', 'case,role\nP1,nurse\nP2,hca\nP3,\n');
  await ingest(ctx, Object.keys(TRANSCRIPTS), { namePattern: '{case}_T{wave}', casesFile: 'cases.csv' });
  const ana = { ...ctx, coder: 'ana' };
  const bo = { ...ctx, coder: 'bo' };
  codebookAdd(ana, 'Support', undefined, {});
  codebookAdd(ana, 'Preceptor', 'Support', {});
  codebookAdd(ana, 'Well-being', undefined, {});
  codebookAdd(ana, 'Sleep', 'Well-being', {});
  codebookAdd(ana, 'Stress', 'Well-being', {});
  codebookAdd(ana, 'Workload', undefined, {});
  const code = (c: AppContext, name: string, source: string, selector: Selector) => tag(c, { codes: [name], source, selector }).codings[0]!.id;
  code(ana, 'Sleep', 'P1_T1', { match: 'Sleep is hard' });
  code(bo, 'Sleep', 'P1_T1', { match: 'hard after nights.' });
  code(ana, 'Stress', 'P1_T1', { match: 'tired all the time. Sleep is' });
  code(bo, 'Stress', 'P1_T1', { match: 'a lot.' });
  code(ana, 'Support', 'P1_T1', { lines: { from: 2, to: 4 } });
  code(bo, 'Preceptor', 'P1_T1', { match: 'My preceptor helps me' });
  code(ana, 'Sleep', 'P1_T2', { match: 'Nights are still hard.' });
  code(ana, 'Support', 'P1_T2', { match: 'Nobody really.' });
  code(ana, 'Workload', 'P2_T1', { match: 'Too many patients and no breaks.' });
  code(bo, 'Sleep', 'P2_T1', { turns: { from: 3, to: 4 } });
  code(ana, 'Preceptor', 'P2_T2', { match: 'My preceptor and the team help.' });
  const sleepP3 = code(ana, 'Sleep', 'P3_T1', { match: 'I cannot sleep after nights.' });
  code(ana, 'Stress', 'P3_T2', { match: 'Still tired. Still stressed' });
  code(bo, 'Workload', 'P3_T2', { match: 'stressed about the staffing.' });
  addMemo(ana, { case: 'P2', code: 'Workload' }, 'Short-staffed', 'Raises staffing\nunprompted.');
  addMemo(ana, { coding: sleepP3 }, undefined, 'Sleep after nights, again.');
  addMemo(ana, { source: 'P1_T2' }, undefined, 'Quiet interview.');
  addMemo(ana, { code: 'Stress' }, undefined, 'Stress vs. workload: keep apart?');
  addMemo(ana, { source: 'P1_T1', code: 'Preceptor' }, undefined, 'Preceptor as a lifeline.');
  return {
    dir, ctx,
    withScope: (filters, fn) => withProject(ctx, (p) => fn(loadScope(p, filters), p), { readonly: true }),
  };
}
