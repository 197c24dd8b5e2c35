import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { listSources } from '../../src/app/sources.js';
import { listSpeakers, setSpeaker } from '../../src/app/speakers.js';
import { themesReport } from '../../src/app/reports/themes.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { tag } from '../../src/app/tag.js';
import { InputError } from '../../src/core/errors.js';
import { addedLabels, roleResolver, NO_SETTINGS } from '../../src/core/speaker-roles.js';
import { dumpDb, newProject, put } from '../support/project.js';

/** A Teams-style transcript: voices named after people, none of them a default interviewer label. */
const TEAMS = [
  'WEBVTT', '',
  '00:00:01.000 --> 00:00:04.000', '<v Sarah Kim>How did the first week go?</v>', '',
  '00:00:05.000 --> 00:00:09.000', '<v Tom Reyes>It was hard, honestly. I cried in the car.</v>', '',
  '00:00:10.000 --> 00:00:12.000', '<v Sarah Kim>What helped?</v>', '',
  '00:00:13.000 --> 00:00:15.000', '<v Tom Reyes>My preceptor helped a lot.</v>', '',
].join('\n');
const PLAIN = 'Interviewer: How are the nights?\nParticipant: Long and lonely.\n';

async function study() {
  const { dir, ctx } = newProject();
  put(dir, 'T01.vtt', TEAMS);
  put(dir, 'P02.txt', PLAIN);
  const summary = await ingest(ctx, ['T01.vtt', 'P02.txt']);
  return { dir, ctx, summary };
}

describe('qcode speakers: who is the interviewer, at a glance', () => {
  it('lists every label per source with role, turns, words and why', async () => {
    const { ctx } = await study();
    expect(listSpeakers(ctx).map((r) => [r.source, r.speaker, r.role, r.turns, r.words, r.because])).toEqual([
      ['P02', 'Interviewer', 'interviewer', 1, 4, 'interviewer label'],
      ['P02', 'Participant', 'participant', 1, 3, 'not an interviewer label'],
      ['T01', 'Sarah Kim', 'participant', 2, 8, 'not an interviewer label'],
      ['T01', 'Tom Reyes', 'participant', 2, 14, 'not an interviewer label'],
    ]);
    expect(listSpeakers(ctx, { source: 'T01' })).toHaveLength(2);
    expect(() => listSpeakers(ctx, { source: 'T1' })).toThrow(/no source "T1".*/);
  });

  it('shows a source without labels as one row of participant talk', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'memo.txt', 'Just a paragraph of notes without any labels.\n');
    await ingest(ctx, ['memo.txt']);
    expect(listSpeakers(ctx)).toEqual([{ source: 'memo', speaker: null, role: 'participant', turns: 0, words: 8, because: 'no speaker labels' }]);
  });

  it('ingest warns about a source with labels but no interviewer talk, naming its labels', async () => {
    const { ctx, summary } = await study();
    expect(summary.noInterviewer).toEqual([{ source: 'T01', speakers: ['Sarah Kim', 'Tom Reyes'] }]);
    // Unchanged on the next run: not warned again.
    expect((await ingest(ctx, ['T01.vtt'])).noInterviewer).toEqual([]);
  });
});

describe('qcode speakers set', () => {
  it('project-wide: re-attributes the talk at once, and later ingests agree', async () => {
    const { dir, ctx } = await study();
    const r = setSpeaker(ctx, 'sarah kim', 'interviewer');
    expect(r).toMatchObject({ label: 'Sarah Kim', role: 'interviewer', source: null });
    expect(r.reattributed).toEqual([{ source: 'T01', turnsChanged: 2, participantWords: 14, interviewerWords: 8 }]);
    expect(listSources(ctx).find((s) => s.id === 'T01')).toMatchObject({ participantWords: 14, interviewerWords: 8 });
    put(dir, 'T02.vtt', TEAMS.replace(/Tom Reyes/g, 'Ana Lima'));
    const s = await ingest(ctx, ['T02.vtt']);
    expect(s.noInterviewer).toEqual([]);
    expect(listSpeakers(ctx, { source: 'T02' }).map((x) => [x.speaker, x.role, x.because])).toEqual([
      ['Sarah Kim', 'interviewer', 'set for the project'], ['Ana Lima', 'participant', 'not an interviewer label'],
    ]);
  });

  it('in one source only; the source setting wins over the project-wide one', async () => {
    const { ctx } = await study();
    setSpeaker(ctx, 'Interviewer', 'participant', 'P02');
    expect(listSpeakers(ctx, { source: 'P02' }).map((x) => [x.speaker, x.role, x.because])).toEqual([
      ['Interviewer', 'participant', 'set in this source'], ['Participant', 'participant', 'not an interviewer label'],
    ]);
    setSpeaker(ctx, 'Sarah Kim', 'interviewer');
    setSpeaker(ctx, 'Sarah Kim', 'participant', 'T01');
    expect(listSpeakers(ctx, { source: 'T01' })[0]).toMatchObject({ role: 'participant', because: 'set in this source' });
    // Project-wide again: replaces the setting of the single source.
    setSpeaker(ctx, 'Sarah Kim', 'interviewer');
    expect(listSpeakers(ctx, { source: 'T01' })[0]).toMatchObject({ role: 'interviewer', because: 'set for the project' });
  });

  it('changes report figures with the attribution (words count participant talk only)', async () => {
    const { ctx } = await study();
    tag({ ...ctx, coder: 'ana' }, { codes: ['Support'], source: 'T01', selector: { turns: { from: 1, to: 4 } }, createNew: true });
    const words = () => withProject(ctx, (p) => themesReport(loadScope(p)), { readonly: true });
    const before = JSON.stringify(words());
    setSpeaker(ctx, 'Sarah Kim', 'interviewer');
    expect(JSON.stringify(words())).not.toBe(before);
  });

  it('refuses an unknown label or role with a suggestion, and changes nothing', async () => {
    const { dir, ctx } = await study();
    const before = dumpDb(dir);
    expect(() => setSpeaker(ctx, 'Sara Kim', 'interviewer')).toThrow(InputError);
    expect(() => setSpeaker(ctx, 'Sara Kim', 'interviewer')).toThrow(/no speaker label "Sara Kim" in any source/);
    expect(() => setSpeaker(ctx, 'Tom Reyes', 'interviewer', 'P02')).toThrow(/in P02/);
    expect(() => setSpeaker(ctx, 'Tom Reyes', 'host')).toThrow(/--role host: give interviewer or participant/);
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('ingest --interviewer adds to the labels', () => {
  it('keeps the defaults, so Interviewer: stays interviewer talk', async () => {
    const { ctx } = await study();
    const s = await ingest(ctx, ['T01.vtt', 'P02.txt'], { interviewer: ['Sarah Kim'] });
    expect(s.reattributed).toBe(1);
    expect(listSources(ctx).map((x) => [x.id, x.interviewerWords])).toEqual([['P02', 4], ['T01', 8]]);
  });

  it('drops the defaults only with noDefaultInterviewers', async () => {
    const { ctx } = await study();
    await ingest(ctx, ['P02.txt'], { interviewer: ['Sarah Kim'], noDefaultInterviewers: true });
    expect(listSources(ctx).map((x) => [x.id, x.interviewerWords])).toEqual([['P02', 0], ['T01', 8]]);
  });

  it('clears a project-wide participant setting of the name it gives', async () => {
    const { ctx } = await study();
    setSpeaker(ctx, 'Interviewer', 'participant');
    await ingest(ctx, ['P02.txt'], { interviewer: ['interviewer'] });
    expect(listSpeakers(ctx, { source: 'P02' })[0]).toMatchObject({ role: 'interviewer', because: 'interviewer label' });
  });
});

describe('core: speaker roles', () => {
  it('adds labels without duplicates, ignoring case', () => {
    expect(addedLabels(['Interviewer', 'I', 'Dana'], ['dana', 'Sarah Kim'], false)).toEqual(['Interviewer', 'I', 'Dana', 'Sarah Kim']);
    expect(addedLabels(['Interviewer', 'Q', 'Dana'], ['Sarah Kim'], true)).toEqual(['Dana', 'Sarah Kim']);
  });

  it('resolves a source setting, then the project, then front matter, then labels (numbered forms too)', () => {
    const settings = { ...NO_SETTINGS, project: { 'interviewer 2': 'participant' as const }, sources: { A: { dana: 'participant' as const } } };
    const a = roleResolver(settings, 'A', { interviewer: 'Dana' });
    const b = roleResolver(settings, 'B', { interviewer: 'Dana' });
    expect([a('Dana').because, b('Dana').because]).toEqual(['set in this source', 'front matter interviewer']);
    expect([a('Interviewer 2').role, a('Interviewer 3').role]).toEqual(['participant', 'interviewer']);
  });
});
