import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { Document, Packer, Paragraph, TextRun, Header, Table, TableRow, TableCell } from 'docx';
import { ingest } from '../../src/app/ingest.js';
import { listSources } from '../../src/app/sources.js';
import { listCases } from '../../src/app/cases.js';
import { showSource } from '../../src/app/show.js';
import { withProject } from '../../src/app/project.js';
import { InputError } from '../../src/core/errors.js';
import { cp1252, dumpDb, newProject, put } from '../support/project.js';

const INTERVIEW = 'Interviewer: How was the first week?\nParticipant: Honestly, I felt out of my depth.\nInterviewer: Why?\nParticipant: Night shifts, mostly.\n';

describe('ingest: formats and encodings', () => {
  it('reads a UTF-8 .txt into turns and words', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/P1.txt', INTERVIEW);
    const s = await ingest(ctx, ['in']);
    expect(s).toMatchObject({ added: 1, turns: 4, participantWords: 10, interviewerWords: 6, casesAdded: 1 });
    const [src] = listSources(ctx);
    expect(src).toMatchObject({ id: 'P1', case: 'P1', wave: '1', format: 'txt', encoding: 'utf-8', turns: 4, revision: 1 });
  });

  it('reads Windows-1252 with CRLF and reports the encoding', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P2.txt', cp1252('Interviewer: Was it “hard”?\r\nParticipant: I’d say – yes.\r\n'));
    const s = await ingest(ctx, ['P2.txt']);
    expect(s.encodings).toEqual([{ file: 'P2.txt', encoding: 'windows-1252' }]);
    const shown = showSource(ctx, 'P2');
    expect(shown.lines.map((l) => l.text)).toEqual(['Interviewer: Was it “hard”?', 'Participant: I’d say – yes.', '']);
  });

  it('drops a BOM, reads UTF-16, normalises to NFC and LF', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Participant: cafe\u0301\rok\r\n')]));
    const u16 = Buffer.from('Participant: naïve\n', 'utf16le');
    put(dir, 'u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), u16]));
    await ingest(ctx, ['.']);
    const bom = showSource(ctx, 'bom');
    expect(bom.lines[0]!.text).toBe('Participant: café');
    expect(bom.lines[0]!.text.length).toBe(17);
    expect(bom.lines[1]!.text).toBe('ok');
    expect(showSource(ctx, 'u16').lines[0]!.text).toBe('Participant: naïve');
    expect(listSources(ctx).map((s) => s.encoding)).toEqual(['utf-8-bom', 'utf-16le']);
  });

  it('reads .md with front matter: id, case, wave, date, duration and other metadata', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'notes.md', '---\nid: int-7\ncase: 50007\nwave: T2\ndate: 2026-03-14\nduration: 58\nlocation: ward office\n---\n**Interviewer:** Hello.\n**P:** Hi there.\n');
    await ingest(ctx, ['notes.md']);
    const [src] = listSources(ctx);
    expect(src).toMatchObject({ id: 'int-7', case: '50007', wave: '2', date: '2026-03-14', durationMin: 58, format: 'md', turns: 2, participantWords: 2 });
    const full = withProject(ctx, (p) => p.sources.summary('int-7'));
    expect(full!.metadata).toEqual({ date: '2026-03-14', duration: 58, location: 'ward office' });
  });

  it('makes the front matter interviewer’s name interviewer talk', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'x.txt', '---\ninterviewer: Dana\n---\nDana: So?\nAma: Well, fine.\n');
    await ingest(ctx, ['x.txt']);
    expect(listSources(ctx)[0]).toMatchObject({ interviewerWords: 1, participantWords: 2 });
  });

  it('reads .vtt voices and .srt prefixes, keeping each turn’s start time and the duration', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'a.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer>Tell me about Q&amp;A.\n\n00:00:03.500 --> 00:01:05.000\n<v Participant>It went well.\n');
    put(dir, 'b.srt', '1\n00:00:00,500 --> 00:00:02,000\nInterviewer: How are\n\n2\n00:00:02,000 --> 00:00:04,000\nyou?\n\n3\n00:00:04,000 --> 00:02:00,500\nParticipant: Fine.\n');
    await ingest(ctx, ['a.vtt', 'b.srt']);
    expect(showSource(ctx, 'a').lines.map((l) => l.text)).toEqual(['Interviewer: Tell me about Q&A.', 'Participant: It went well.']);
    expect(showSource(ctx, 'b').lines.map((l) => l.text)).toEqual(['Interviewer: How are you?', 'Participant: Fine.']);
    const turns = withProject(ctx, (p) => p.sources.text('a')!.turns);
    expect(turns.map((t) => t.startMs)).toEqual([1000, 3500]);
    expect(listSources(ctx).map((s) => s.durationMin)).toEqual([1.0666666666666667, 2]);
  });

  it('reads a real .docx made by a library, leaving the header out', async () => {
    const { dir, ctx } = newProject();
    const doc = new Document({
      sections: [{
        headers: { default: new Header({ children: [new Paragraph('CONFIDENTIAL header')] }) },
        children: [
          new Paragraph({ children: [new TextRun({ text: 'Interviewer:', bold: true }), new TextRun(' Ready?')] }),
          new Paragraph({ children: [new TextRun('Participant: Yes.'), new TextRun({ text: 'Second line.', break: 1 })] }),
        ],
      }],
    });
    put(dir, 'd.docx', await Packer.toBuffer(doc));
    const s = await ingest(ctx, ['d.docx']);
    expect(s.added).toBe(1);
    expect(showSource(ctx, 'd').lines.map((l) => l.text)).toEqual(['Interviewer: Ready?', 'Participant: Yes.', 'Second line.']);
    expect(listSources(ctx)[0]).toMatchObject({ format: 'docx', turns: 2, participantWords: 3, interviewerWords: 1 });
  });
});

describe('ingest: a Word transcript laid out as a table', () => {
  it('reads each row (time, speaker, text) as a turn', async () => {
    const { dir, ctx } = newProject();
    const row = (...cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({ sections: [{ children: [new Table({ rows: [
      row('00:00:01', 'Interviewer', 'How was the first week?'),
      row('00:00:04', 'Participant', 'Long. Very long.'),
    ] })] }] });
    put(dir, 't.docx', await Packer.toBuffer(doc));
    await ingest(ctx, ['t.docx']);
    const src = withProject(ctx, (p) => p.sources.text('t')!);
    expect(src.text).toBe('00:00:01\tInterviewer\tHow was the first week?\n00:00:04\tParticipant\tLong. Very long.');
    expect(src.turns.map((t) => [t.speaker, t.role, t.words])).toEqual([['Interviewer', 'interviewer', 5], ['Participant', 'participant', 3]]);
  });

  it('keeps the header row (Time ⇥ Speaker ⇥ Text) out of the turns: it is not talk', async () => {
    const { dir, ctx } = newProject();
    const row = (...cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({ sections: [{ children: [new Table({ rows: [
      row('Time', 'Speaker', 'Text'),
      row('00:00:01', 'Interviewer', 'How was the first week?'),
      row('00:00:04', 'Participant', 'Long. Very long.'),
    ] })] }] });
    put(dir, 'h.docx', await Packer.toBuffer(doc));
    const s = await ingest(ctx, ['h.docx']);
    expect(s).toMatchObject({ turns: 2, participantWords: 3, interviewerWords: 5 });
    const src = withProject(ctx, (p) => p.sources.text('h')!);
    expect(src.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Participant']);
  });
});

describe('ingest: ids, cases and waves', () => {
  it('reads case and wave with --name-pattern and attributes with --cases', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/50001_T1.txt', INTERVIEW);
    put(dir, 'in/50001_T2.txt', INTERVIEW + 'Participant: more\n');
    put(dir, 'in/other.txt', INTERVIEW + 'Participant: else\n');
    put(dir, 'cases.csv', 'case,age,gender,role\n50001,29,woman,"adult nursing, wards"\n50009,41,man,mental health\n');
    const s = await ingest(ctx, ['in'], { namePattern: '{case}_T{wave}', casesFile: 'cases.csv' });
    expect(s.added).toBe(3);
    expect(listSources(ctx).map((x) => [x.id, x.case, x.wave])).toEqual([['50001_T1', '50001', '1'], ['50001_T2', '50001', '2'], ['other', 'other', '1']]);
    expect(listCases(ctx)).toEqual([
      { case: '50001', sources: 2, attributes: { age: '29', gender: 'woman', role: 'adult nursing, wards' } },
      { case: '50009', sources: 0, attributes: { age: '41', gender: 'man', role: 'mental health' } },
      { case: 'other', sources: 1, attributes: {} },
    ]);
  });

  it('refuses two files with one id, naming both', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'a/P1.txt', INTERVIEW);
    put(dir, 'b/P1.md', INTERVIEW);
    await expect(ingest(ctx, ['.'])).rejects.toThrow(/b\/P1\.md: source id "P1" is also the id of a\/P1\.txt/);
  });
});

describe('ingest: idempotence and revisions', () => {
  it('changes nothing when re-ingesting unchanged files', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    await ingest(ctx, ['P1.txt']);
    const before = dumpDb(dir);
    const s = await ingest(ctx, ['P1.txt']);
    expect(s).toMatchObject({ added: 0, revised: 0, updated: 0, unchanged: 1 });
    expect(dumpDb(dir)).toEqual(before);
  });

  it('treats a file that differs only in line ends as unchanged', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    await ingest(ctx, ['P1.txt']);
    put(dir, 'P1.txt', INTERVIEW.replace(/\n/g, '\r\n'));
    expect((await ingest(ctx, ['P1.txt'])).unchanged).toBe(1);
  });

  it('makes an edited file a new revision, keeping the old text and hash', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    await ingest(ctx, ['P1.txt']);
    put(dir, 'P1.txt', INTERVIEW.replace('mostly', 'mostly, and handover'));
    const s = await ingest(ctx, ['P1.txt']);
    expect(s).toMatchObject({ revised: 1, added: 0 });
    expect(s.files[0]).toMatchObject({ status: 'revised', revision: 2 });
    const revisions = dumpDb(dir).revisions as { number: number; hash: string; text: string }[];
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(revisions[0]!.hash).not.toBe(revisions[1]!.hash);
    expect(revisions[0]!.text).toBe(INTERVIEW);
    expect(listSources(ctx)[0]!.revision).toBe(2);
  });

  it('dry run reports what would happen and writes nothing', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P1.txt', INTERVIEW);
    const before = dumpDb(dir);
    const s = await ingest(ctx, ['P1.txt'], { dryRun: true, interviewer: ['Participant'] });
    expect(s).toMatchObject({ dryRun: true, added: 1 });
    expect(dumpDb(dir)).toEqual(before);
  });
});

describe('ingest: all or nothing', () => {
  it('leaves the project exactly as it was when one file is bad', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'old.txt', INTERVIEW);
    await ingest(ctx, ['old.txt']);
    const before = dumpDb(dir);
    put(dir, 'in/a.txt', INTERVIEW);
    put(dir, 'in/b.txt', '');
    put(dir, 'in/c.txt', INTERVIEW);
    await expect(ingest(ctx, ['in'], { casesFile: undefined })).rejects.toThrow(/in\/b\.txt: the file is empty/);
    expect(dumpDb(dir)).toEqual(before);
  });

  it('refuses binary files, malformed front matter and oversized files with the file named', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'bin.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    put(dir, 'fm.md', '---\ncase: [unclosed\n---\nP: hi\n');
    put(dir, 'big.txt', 'P: ' + 'word '.repeat(300000));
    await expect(ingest(ctx, ['bin.txt'])).rejects.toThrow(/bin\.txt: looks like a binary file/);
    await expect(ingest(ctx, ['fm.md'])).rejects.toThrow(/fm\.md:\d+: invalid YAML/);
    await expect(ingest(ctx, ['big.txt'], { maxBytes: 1024 * 1024 })).rejects.toThrow(/big\.txt: 1\.4 MB is over the 1 MB limit/);
  });

  it('with skipBad ingests the rest and lists what it skipped', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/a.txt', INTERVIEW);
    put(dir, 'in/b.txt', '   \n');
    const s = await ingest(ctx, ['in'], { skipBad: true });
    expect(s.added).toBe(1);
    expect(s.skipped).toEqual([{ file: 'in/b.txt', reason: 'in/b.txt: has no transcript text' }]);
  });

  it('counts other files as ignored and refuses paths that do not exist', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'in/a.txt', INTERVIEW);
    put(dir, 'in/photo.jpg', 'x');
    put(dir, 'in/~$a.docx', 'lock');
    expect((await ingest(ctx, ['in'])).ignored).toBe(2);
    await expect(ingest(ctx, ['nope'])).rejects.toThrow(InputError);
    await expect(ingest(ctx, ['in/*.rtf'])).rejects.toThrow(/matches no file/);
  });
});

describe('interviewer labels', () => {
  it('are stored in the project and re-attribute talk when changed', async () => {
    const { dir, ctx } = newProject();
    put(dir, 'P1.txt', 'Sam: Question here?\nAma: An answer.\n');
    await ingest(ctx, ['P1.txt']);
    expect(listSources(ctx)[0]).toMatchObject({ participantWords: 4, interviewerWords: 0 });
    const s = await ingest(ctx, ['P1.txt'], { interviewer: ['Sam'] });
    expect(s.reattributed).toBe(1);
    expect(listSources(ctx)[0]).toMatchObject({ participantWords: 2, interviewerWords: 2 });
    put(dir, 'P2.txt', 'Sam: Another?\nBo: Yes.\n');
    await ingest(ctx, ['P2.txt']);
    expect(listSources(ctx)[1]).toMatchObject({ participantWords: 1, interviewerWords: 1 });
  });
});

describe('the project file', () => {
  it('is readable by its owner only', () => {
    const { dir } = newProject();
    expect(statSync(`${dir}/qcode.db`).mode & 0o777).toBe(0o600);
  });
});

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHARED = fileURLToPath(new URL('../../../shared/testdata/podcastindex/', import.meta.url));
describe.skipIf(!existsSync(SHARED))('ingest of real subtitle files (../shared/testdata, read in place)', () => {
  it('refuses the two files together: both would be the source "example"', async () => {
    const { ctx } = newProject();
    await expect(ingest(ctx, [`${SHARED}example.vtt`, `${SHARED}example.srt`])).rejects.toThrow(/source id "example" is also the id of/);
  });

  it('reads example.vtt: two voices, one turn each, start times, duration, the host as interviewer', async () => {
    const { ctx } = newProject();
    await ingest(ctx, [`${SHARED}example.vtt`], { interviewer: ['Sarah'] });
    const src = withProject(ctx, (p) => p.sources.text('example')!);
    expect(src.turns.map((t) => [t.number, t.speaker, t.role, t.startMs])).toEqual([[1, 'Sarah', 'interviewer', 0], [2, 'Gillian', 'participant', 19080]]);
    expect(src.text).toContain('Welcome to Podcasting Q&A, where you learn');
    // Gillian: "Hi Buzzsprout, Gillian here from breaking through careers podcast. My question is, do we need a podcast trailer?" = 18 words
    expect(src.source).toMatchObject({ format: 'vtt', durationSec: 25.35, participantWords: 18 });
  });

  it('reads example.srt: speakers change only at Name: prefixes, every cue kept', async () => {
    const { ctx } = newProject();
    await ingest(ctx, [`${SHARED}example.srt`]);
    const src = withProject(ctx, (p) => p.sources.text('example')!);
    expect(src.turns[0]!.speaker).toBe('Travis');
    expect(src.turns[0]!.startMs).toBe(179);
    for (let i = 1; i < src.turns.length; i++) expect(src.turns[i]!.speaker).not.toBe(src.turns[i - 1]!.speaker);
    expect(src.text.split('\n')).toHaveLength(src.turns.length);
    expect(src.source.durationSec).toBeGreaterThan(60);
  });
});
