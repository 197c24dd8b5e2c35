import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { tag } from '../../src/app/tag.js';
import { listCodings } from '../../src/app/codings.js';
import { checkProject } from '../../src/app/check.js';
import { showSource } from '../../src/app/show.js';
import type { AppContext } from '../../src/app/context.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { as, qc } from '../support/coding.js';

const BEFORE = [
  'Interviewer: Tell me about your first month.',
  'Participant: The first month was a blur of new faces and long corridors. I got lost twice on the way to the pharmacy.',
  'Interviewer: And the patients?',
  'Participant: I loved the patients, especially the older ones who told stories about the war.',
  'Interviewer: How did you cope with the pace?',
  'Participant: I wrote everything down in a little notebook that I kept in my tunic pocket all shift.',
  'Interviewer: Did anyone help you?',
  'Participant: My preceptor Joan sat with me every Friday afternoon to go through the week.',
  '',
].join('\n');

const AFTER = [
  'Interview R01, first wave (transcript checked by the team)',
  'Interviewer: Tell me about your first month.',
  'Participant: I got lost twice on the way to the pharmacy.',
  'Interviewer: And the patients?',
  'Participant: I loved the patients. The first month was a blur of new faces and long corridors.',
  'Interviewer: How did you cope with the pace?',
  'Participant: I wrote everything down in a small notebook that I kept in my tunic pocket all shift.',
  'Interviewer: Did anyone help you?',
  'Participant: Honestly, nobody had time for me in those weeks.',
  '',
].join('\n');

const CODINGS: [string, string, string][] = [
  ['ana', 'Getting lost', 'I got lost twice on the way to the pharmacy.'],
  ['bo', 'Patients', 'I loved the patients'],
  ['ana', 'Enjoyment', 'I loved the patients'],
  ['ana', 'Coping strategies', 'I wrote everything down in a little notebook that I kept in my tunic pocket all shift.'],
  ['bo', 'Preceptor support', 'My preceptor Joan sat with me every Friday afternoon to go through the week.'],
  ['bo', 'First impressions', 'The first month was a blur of new faces and long corridors.'],
];

async function codedProject(): Promise<{ dir: string; ctx: AppContext }> {
  const { dir, ctx } = newProject();
  put(dir, 'R01_T1.txt', BEFORE);
  await ingest(ctx, ['R01_T1.txt']);
  for (const [coder, code, match] of CODINGS) tag(as(ctx, coder), { codes: [code], source: 'R01_T1', selector: { match }, createNew: true });
  put(dir, 'R01_T1.txt', AFTER);
  return { dir, ctx };
}

const cp = (s: string) => [...s];
const byCode = (ctx: AppContext) => Object.fromEntries(listCodings(ctx).map((c) => [c.code, c]));

describe('re-anchoring codings when an edited transcript is re-ingested', () => {
  it('places shifted, moved and fuzzily rewritten codings and flags the orphan, never dropping it', async () => {
    const { ctx } = await codedProject();
    const s = await ingest(ctx, ['R01_T1.txt']);
    expect(s.revised).toBe(1);
    const { unchanged, moved, context, fuzzy, orphaned } = s.codings;
    expect({ unchanged, moved, context, fuzzy, orphaned }).toEqual({ unchanged: 3, moved: 1, context: 0, fuzzy: 1, orphaned: 1 });
    expect(s.orphans).toEqual([{ id: 5, source: 'R01_T1', code: 'Preceptor support', coder: 'bo', quote: CODINGS[4]![2], similarity: expect.any(Number) }]);
    const c = byCode(ctx);
    expect(Object.keys(c).sort()).toEqual(CODINGS.map((x) => x[1]).sort());
    expect(c['Getting lost']).toMatchObject({ quote: CODINGS[0]![2], lineStart: 3, lineEnd: 3, orphaned: false });
    expect(c['First impressions']).toMatchObject({ quote: CODINGS[5]![2], lineStart: 5, coder: 'bo', orphaned: false });
    expect(c['Patients']).toMatchObject({ quote: 'I loved the patients', lineStart: 5, coder: 'bo', orphaned: false });
    expect(c['Enjoyment']).toMatchObject({ quote: 'I loved the patients', lineStart: 5, coder: 'ana', orphaned: false });
    expect(c['Coping strategies']).toMatchObject({ quote: 'I wrote everything down in a small notebook that I kept in my tunic pocket all shift.', lineStart: 7, orphaned: false });
    expect(c['Preceptor support']).toMatchObject({ orphaned: true, quote: CODINGS[4]![2], lineStart: null, lineEnd: null, coder: 'bo' });
  });

  it('keeps every placed coding’s quote equal to the new text at its span', async () => {
    const { ctx } = await codedProject();
    await ingest(ctx, ['R01_T1.txt']);
    const text = showSource(ctx, 'R01_T1').lines.map((l) => l.text).join('\n');
    expect(text).toBe(AFTER);
    for (const c of listCodings(ctx).filter((x) => !x.orphaned)) expect(cp(text).slice(c.start, c.end).join('')).toBe(c.quote);
    expect(checkProject(ctx)).toMatchObject({ ok: false, problems: [], orphans: [{ id: 5, code: 'Preceptor support', coder: 'bo', source: 'R01_T1', revision: 1 }] });
  });

  it('changes nothing when the unchanged file is ingested again', async () => {
    const { dir, ctx } = await codedProject();
    await ingest(ctx, ['R01_T1.txt']);
    const before = dumpDb(dir);
    const s = await ingest(ctx, ['R01_T1.txt']);
    expect([s.unchanged, s.codings, s.orphans]).toEqual([1, { unchanged: 0, moved: 0, context: 0, fuzzy: 0, orphaned: 0 }, []]);
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('re-anchoring through the CLI, and qcode check', () => {
  it('ingest lists the orphan on stderr and exits 0; codings shows it flagged; check reports it and exits 1', async () => {
    const { dir } = newProject();
    put(dir, 'R01_T1.txt', BEFORE);
    expect((await qc(dir, ['ingest', 'R01_T1.txt'])).code).toBe(0);
    for (const [coder, code, match] of CODINGS) expect((await qc(dir, ['tag', code, 'R01_T1', '--match', match, '--new'], { coder })).code).toBe(0);
    const clean = await qc(dir, ['check']);
    expect(clean).toEqual({ code: 0, stdout: 'checked 6 codings: 0 problem(s), 0 orphaned coding(s)\n', stderr: '' });
    put(dir, 'R01_T1.txt', AFTER);
    const r = await qc(dir, ['ingest', 'R01_T1.txt', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.codings).toEqual({ unchanged: 3, moved: 1, context: 0, fuzzy: 1, orphaned: 1 });
    expect(summary.orphans).toEqual([expect.objectContaining({ id: 5, code: 'Preceptor support', coder: 'bo' })]);
    expect(r.stderr).toBe('qcode: 1 coding(s) could not be placed on the edited text; they are kept and flagged (qcode check lists them):\n' +
      '  #5 Preceptor support (bo) in R01_T1: “My preceptor Joan sat with me every Friday afternoon to go…”\n');
    const rows = JSON.parse((await qc(dir, ['codings', '--json'])).stdout) as { id: number; orphaned: boolean }[];
    expect(rows.filter((x) => x.orphaned).map((x) => x.id)).toEqual([5]);
    const check = await qc(dir, ['check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe('checked 6 codings: 0 problem(s), 1 orphaned coding(s)\n' +
      'orphaned: #5 Preceptor support (bo) in R01_T1, revision 1: “My preceptor Joan sat with me every Friday afternoon to go…” — re-code it with qcode tag, then qcode --coder bo untag --id 5 (as that coder; or add --any-coder)\n');
    expect(check.stderr).toBe('qcode: check found problems\n');
    expect(JSON.parse((await qc(dir, ['check', '--json'])).stdout)).toMatchObject({ ok: false, codings: 6, orphans: [{ id: 5 }] });
    // The orphan is bo's: another coder may not remove it without --any-coder.
    expect((await qc(dir, ['untag', '--id', '5'])).code).toBe(2);
    expect((await qc(dir, ['untag', '--id', '5'], { coder: 'bo' })).code).toBe(0);
    expect((await qc(dir, ['check'])).code).toBe(0);
  });
});
