/**
 * report agreement --unit turn takes a source's units from its turns' bounds alone (no text
 * read) when it has turns, and from its text (non-blank lines) when it has none; --unit word
 * finds the words in each text's stored bytes, source by source, and decodes no text. Compared
 * here with the units made from each source's full text and turns (agreementReportPlain), on
 * sources with turns after characters outside the BMP (code points differ from UTF-16 units),
 * a source without turns, and a source that gained a revision with other turns.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ingest } from '../../src/app/ingest.js';
import { codebookAdd } from '../../src/app/codebook.js';
import { tag } from '../../src/app/tag.js';
import { withProject } from '../../src/app/project.js';
import { loadScope, type ReportScope } from '../../src/app/report-scope.js';
import { agreementReport, agreementReportPlain } from '../../src/app/reports/agreement.js';
import { newProject, put } from '../support/project.js';

const A = ['Interviewer: 🎉 How was it? 🎉', 'Participant: Hard 😴 nights. I could not sleep.', 'Interviewer: And now?', 'Participant: 𝒜 bit better, my preceptor helps.', ''].join('\n');
const B = ['Interviewer: Anything else?', 'Participant: Sleep is fine now 🙂.', 'Interviewer: Good.', 'Participant: Yes.', ''].join('\n');
const C = 'No labels here 🙂.\n\nJust two lines of talk.\n   \nAnd a third.\n';

async function project(): Promise<{ dir: string; ctx: AppContext }> {
  const { dir, ctx } = newProject();
  put(dir, 'P01_T1.txt', A);
  put(dir, 'P02_T1.txt', B);
  put(dir, 'P03_T1.txt', C);
  await ingest(ctx, ['P01_T1.txt', 'P02_T1.txt', 'P03_T1.txt'], { namePattern: '{case}_T{wave}' });
  codebookAdd({ ...ctx, coder: 'ana' }, 'Sleep', undefined, {});
  codebookAdd({ ...ctx, coder: 'ana' }, 'Support', undefined, {});
  const tags: [string, string, string, string][] = [
    ['ana', 'Sleep', 'P01_T1', 'Hard 😴 nights.'], ['ben', 'Sleep', 'P01_T1', 'I could not sleep.'],
    ['ben', 'Support', 'P01_T1', 'my preceptor helps'], ['ana', 'Support', 'P01_T1', 'How was it?'],
    ['ana', 'Sleep', 'P02_T1', 'Sleep is fine'], ['ben', 'Sleep', 'P02_T1', 'Good.'],
    ['ana', 'Sleep', 'P03_T1', 'Just two lines'], ['ben', 'Sleep', 'P03_T1', 'And a third.'], ['ben', 'Support', 'P03_T1', 'No labels'],
  ];
  for (const [coder, code, source, match] of tags) tag({ ...ctx, coder }, { codes: [code], source, selector: { match }, createNew: true });
  return { dir, ctx };
}

/** The scope whose texts cannot be read as strings: what needs one fails. */
const noStrings = (scope: ReportScope): ReportScope => Object.create(scope, { text: { value: () => { throw new Error('a text was decoded'); } } }) as ReportScope;

/** The scope with no turn bounds: every source's units come from its text and stored turns. */
const fromText = (scope: ReportScope): ReportScope => Object.create(scope, { turnBounds: { value: () => [] } }) as ReportScope;

function check(ctx: AppContext, turns: number[], units: number[]): void {
  withProject(ctx, (p) => {
    const scope = loadScope(p, { coders: ['ana', 'ben'] });
    // The bounds are the stored turns' (read before any text, then after).
    const bounds = scope.sources.map((_, i) => scope.turnBounds(i));
    expect(bounds.map((b) => b.length)).toEqual(turns);
    scope.sources.forEach((_, i) => expect(bounds[i]).toEqual(scope.text(i).turns.map((t) => ({ start: t.start, talkEnd: t.talkEnd }))));
    const o = { coders: ['ana', 'ben'], unit: 'turn' as const, sourcesChosen: true };
    const quick = agreementReport(loadScope(p, { coders: ['ana', 'ben'] }), o);
    expect(JSON.stringify(quick)).toBe(JSON.stringify(agreementReport(fromText(loadScope(p, { coders: ['ana', 'ben'] })), o)));
    expect(quick.rows.filter((x) => x.source !== null).map((x) => x.units)).toEqual(units);
  }, { readonly: true });
}

describe('report agreement: turn units from the turns\' bounds', () => {
  it('are the units made from the text and turns, also after a new revision', async () => {
    const { dir, ctx } = await project();
    check(ctx, [4, 4, 0], [4, 4, 3, 4, 3]);
    put(dir, 'P01_T1.txt', A.replace('Interviewer: And now?\n', 'Interviewer: And now 🤔?\nParticipant: Hmm.\nInterviewer: Go on.\n'));
    await ingest(ctx, ['P01_T1.txt'], { namePattern: '{case}_T{wave}' });
    check(ctx, [6, 4, 0], [6, 4, 3, 6, 3]);
  });
});

describe('report agreement: word units from the stored bytes', () => {
  it('are the words of each text string, in every scope, with no text decoded', async () => {
    const { dir, ctx } = await project();
    put(dir, 'P04_T1.txt', "Participant: Zoë's self-care — café’s 日本語 𝒜𝒝 ٣٤ 😀x don't-\nInterviewer: rock'n'roll?\n");
    await ingest(ctx, ['P04_T1.txt'], { namePattern: '{case}_T{wave}' });
    tag({ ...ctx, coder: 'ana' }, { codes: ['Sleep'], source: 'P04_T1', selector: { match: 'self-care — café’s' } });
    tag({ ...ctx, coder: 'ben' }, { codes: ['Sleep'], source: 'P04_T1', selector: { match: '𝒜𝒝 ٣٤ 😀x' } });
    tag({ ...ctx, coder: 'ben' }, { codes: ['Support'], source: 'P04_T1', selector: { match: 'roll?' } });
    withProject(ctx, (p) => {
      for (const chosen of [false, true]) {
        for (const filters of [{}, { codes: ['Sleep'] }, { sources: 'P0[14]_T1' }]) {
          const o = { coders: ['ana', 'ben'], unit: 'word' as const, sourcesChosen: chosen };
          const quick = agreementReport(noStrings(loadScope(p, { ...filters, coders: ['ana', 'ben'] })), o);
          const plain = agreementReportPlain(loadScope(p, { ...filters, coders: ['ana', 'ben'] }), o);
          expect(JSON.stringify(quick)).toBe(JSON.stringify(plain));
        }
      }
      const all = agreementReport(loadScope(p, { coders: ['ana', 'ben'] }), { coders: ['ana', 'ben'], unit: 'word', sourcesChosen: true });
      // P04_T1's words: Participant Zoë's self-care café’s 日本語 𝒜𝒝 ٣٤ x don't Interviewer rock'n'roll.
      expect(all.rows.find((x) => x.code === 'Sleep' && x.source === 'P04_T1')).toMatchObject({ units: 11, both: 0, onlyA: 2, onlyB: 3 });
    }, { readonly: true });
  });
});
