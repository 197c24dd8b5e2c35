import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listCases } from '../../src/app/cases.js';
import { checkProject } from '../../src/app/check.js';
import { listCodebook } from '../../src/app/codebook.js';
import { listCodings } from '../../src/app/codings.js';
import { listMemos } from '../../src/app/memos.js';
import { importQdpx } from '../../src/app/refi-import.js';
import { listSources } from '../../src/app/sources.js';
import { ingest } from '../../src/app/ingest.js';
import { dumpDb, newProject, put } from '../support/project.js';
import { runCli } from '../support/cli.js';
import { cpSpan, enc, guid, qdpx, utf16le, utf16Span } from '../support/qdpx.js';

const NS = 'urn:QDA-XML:project:1.0';

/** An invented NVivo for Windows export: UTF-16 text with CR LF, an emoji before the selections. */
function nvivoProject(origin = 'NVivo 14.23 (Windows)') {
  const text = [
    'Interviewer: How did the first month go?',
    'Participant: Honestly 😅 it was a blur.',
    'The night shifts were hard, I couldn’t sleep.',
    'Interviewer: What helped?',
    'Participant: My preceptor. Running too 🏃, when I can.',
    '',
  ].join('\r\n');
  const g = {
    ana: guid(), ben: guid(), work: guid(), stress1: guid(), home: guid(), stress2: guid(), support: guid(),
    src: guid(), bare: guid(), empty: guid(), missing: guid(), pic: guid(), note1: guid(), note2: guid(), caseA: guid(), age: guid(),
  };
  const night = utf16Span(text, 'The night shifts were hard');
  const prec = utf16Span(text, 'My preceptor');
  const run = utf16Span(text, 'Running too 🏃');
  const sel = (span: [number, number], code: string, user: string, extra = '') =>
    `<PlainTextSelection guid="${guid()}" startPosition="${span[0]}" endPosition="${span[1]}" creatingUser="${user}"><Coding guid="${guid()}" creatingUser="${user}"><CodeRef targetGUID="${code}"/></Coding>${extra}</PlainTextSelection>`;
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="Ward study" origin="${origin}" creatingUserGUID="${g.ana}">
  <Users><User guid="${g.ana}" name="Ana"/><User guid="${g.ben}" name="Ben"/></Users>
  <CodeBook><Codes>
    <Code guid="${g.work}" name="Work" isCodable="false" color="#FF0000"><Description>Life on the ward</Description>
      <Code guid="${g.stress1}" name="Stress" isCodable="true"/>
    </Code>
    <Code guid="${g.home}" name="Home" isCodable="true"><Code guid="${g.stress2}" name="Stress" isCodable="true" color="#0F0"/></Code>
    <Code guid="${g.support}" name="Support" isCodable="true"><NoteRef targetGUID="${g.note2}"/></Code>
  </Codes></CodeBook>
  <Variables><Variable guid="${g.age}" name="Age" typeOfVariable="Integer"/></Variables>
  <Cases><Case guid="${g.caseA}" name="P01"><VariableValue><VariableRef targetGUID="${g.age}"/><IntegerValue>34</IntegerValue></VariableValue><SourceRef targetGUID="${g.src}"/></Case></Cases>
  <Sources>
    <TextSource guid="${g.src}" name="P01 first interview" plainTextPath="internal://${g.src}.txt">
      ${sel(night, g.stress1, g.ana, `<NoteRef targetGUID="${g.note1}"/>`)}
      ${sel(night, g.stress1, g.ben)}
      ${sel(prec, g.support, g.ana)}
      ${sel(run, g.stress2, g.ana)}
      ${sel([900, 905], g.support, g.ben)}
    </TextSource>
    <TextSource guid="${g.bare}" plainTextPath="sources/P02 notes.txt"/>
    <TextSource guid="${g.empty}" name="Empty one" plainTextPath="internal://${g.empty}.txt"/>
    <TextSource guid="${g.missing}" name="Gone" plainTextPath="internal://nowhere.txt"/>
    <PictureSource guid="${g.pic}" name="Ward map" path="internal://map.png"><PictureSelection guid="${guid()}" firstX="1" firstY="1" secondX="5" secondY="5"><Coding guid="${guid()}"><CodeRef targetGUID="${g.support}"/></Coding></PictureSelection></PictureSource>
  </Sources>
  <Notes>
    <Note guid="${g.note1}" name="Night shifts" creatingUser="${g.ben}" creationDateTime="2025-03-01T10:00:00Z"><PlainTextContent>Fatigue recurs in every interview.</PlainTextContent></Note>
    <Note guid="${g.note2}" name="About support" creatingUser="${g.ana}"><PlainTextContent>Preceptors, peers, family.</PlainTextContent></Note>
  </Notes>
  <Links><Link guid="${guid()}" originGUID="${g.stress1}" targetGUID="${g.support}"/></Links>
  <Sets><Set guid="${guid()}" name="Wellbeing"><MemberCode targetGUID="${g.stress1}"/><MemberCode targetGUID="${g.support}"/><MemberSource targetGUID="${g.src}"/></Set></Sets>
</Project>`;
  const file = qdpx(xml, {
    [`Sources/${g.src}.txt`]: utf16le(text),
    'sources/P02 notes.txt': enc('Participant: Short notes, no codings.\n'),
    [`Sources/${g.empty}.txt`]: new Uint8Array(0),
  });
  return { file, text };
}

describe('qcode import (REFI-QDA .qdpx)', () => {
  it('places NVivo selections (UTF-16 units, CR LF = 2, an emoji before them) on exactly the quoted words', () => {
    const { dir, ctx } = newProject();
    put(dir, 'ward.qdpx', nvivoProject().file);
    const s = importQdpx(ctx, 'ward.qdpx');
    expect(s.positions.convention).toBe('utf16');
    const codings = listCodings(ctx).filter((c) => !c.orphaned);
    expect(codings.map((c) => [c.code, c.coder, c.quote])).toEqual([
      ['Stress', 'Ana', 'The night shifts were hard'],
      ['Stress', 'Ben', 'The night shifts were hard'],
      ['Support', 'Ana', 'My preceptor'],
      ['Stress (Home)', 'Ana', 'Running too 🏃'],
    ]);
    expect(s.renamed).toEqual([{ kind: 'code', from: 'Stress', to: 'Stress (Home)', reason: expect.stringContaining('unique') }]);
    // The selection beyond the text is kept as an orphan with its reason, not dropped.
    expect(s.orphans).toEqual([{ source: 'P01 first interview', code: 'Support', coder: 'Ben', start: 900, end: 905, reason: expect.stringContaining('beyond the end') }]);
    expect(checkProject(ctx).orphans).toHaveLength(1);
    expect(checkProject(ctx).problems).toEqual([]);
  });

  it('decides from the text, not the origin: the same UTF-16 file labelled as another program still reads as UTF-16', () => {
    const { dir, ctx } = newProject();
    put(dir, 'ward.qdpx', nvivoProject('Some Other QDA 2.0').file);
    const s = importQdpx(ctx, 'ward.qdpx');
    expect(s.positions).toMatchObject({ convention: 'utf16', decidedBy: expect.stringContaining('between words') });
    expect(listCodings(ctx).filter((c) => !c.orphaned).map((c) => c.quote)).toEqual(['The night shifts were hard', 'The night shifts were hard', 'My preceptor', 'Running too 🏃']);
  });

  it('brings coders, codes, cases, memos and sets, and reports everything it could not bring', () => {
    const { dir, ctx } = newProject();
    put(dir, 'ward.qdpx', nvivoProject().file);
    const s = importQdpx(ctx, 'ward.qdpx');
    const book = listCodebook(ctx);
    const work = book.find((c) => c.code === 'Work')!;
    expect(work).toMatchObject({ description: 'Life on the ward', color: '#ff0000' });
    const codable = Object.fromEntries((dumpDb(dir).codes as { name: string; codable: number }[]).map((c) => [c.name, c.codable]));
    expect(codable).toMatchObject({ Work: 0, Stress: 1, Home: 1 });
    expect(book.find((c) => c.code === 'Stress (Home)')).toMatchObject({ color: '#00ff00' });
    expect(listSources(ctx).map((x) => [x.id, x.case])).toEqual([['P01 first interview', 'P01'], ['P02 notes', 'P02 notes']]);
    expect(listCases(ctx).find((c) => c.case === 'P01')!.attributes).toEqual({ Age: '34' });
    const memos = listMemos(ctx);
    expect(memos.map((m) => [m.title, m.coder, m.code, m.source, m.coding !== null])).toEqual([
      ['Night shifts', 'Ben', 'Stress', 'P01 first interview', true],
      ['About support', 'Ana', 'Support', null, false],
    ]);
    expect(s.sets).toEqual([{ name: 'Wellbeing', codes: ['Stress', 'Support'], sources: ['P01 first interview'], notes: 0 }]);
    expect(s.sourcesWithoutText.map((w) => [w.source, w.reason])).toEqual([
      ['Empty one', 'its plain text is empty'],
      ['Gone', expect.stringContaining('not in the project file')],
    ]);
    const lost = Object.fromEntries(s.lost.map((l) => [l.what, l.count]));
    expect(lost).toMatchObject({ 'picture sources': 1, 'picture selections': 1, 'codings of picture sources': 1, links: 1 });
  });

  it('changes nothing when the same file is imported twice, and a dry run writes nothing', () => {
    const { dir, ctx } = newProject();
    put(dir, 'ward.qdpx', nvivoProject().file);
    const before = dumpDb(dir);
    const dry = importQdpx(ctx, 'ward.qdpx', { dryRun: true });
    expect(dry.imported.codingsAdded).toBe(4);
    expect(dumpDb(dir)).toEqual(before);
    importQdpx(ctx, 'ward.qdpx');
    const once = dumpDb(dir);
    const again = importQdpx(ctx, 'ward.qdpx');
    expect(again.imported).toMatchObject({ codingsAdded: 0, sourcesAdded: 0, codesAdded: 0, memosAdded: 0, codingsAlreadyHere: 4 });
    expect(dumpDb(dir)).toEqual(once);
  });

  it.each(['QualCoder 3.6', 'NVivo 14 (Windows)'])('reads code points with LF (QualCoder-style), an emoji before the selection, into a project with work (origin %s)', async (origin) => {
    const { dir, ctx } = newProject();
    const text = 'Participant: I felt 😩 tired 😩 all week.\nParticipant: Sleep helped.\n';
    put(dir, 'in/other.txt', 'Participant: Something else entirely.\n');
    await ingest(ctx, ['in']);
    const g = { u: guid(), c: guid(), s: guid() };
    const [a, b] = cpSpan(text, 'tired 😩 all week');
    const [c, d] = cpSpan(text, 'Sleep helped');
    const xml = `<?xml version="1.0"?><Project xmlns="${NS}" name="q" origin="${origin}"><Users><User guid="${g.u}" name="Cleo"/></Users>
<CodeBook><Codes><Code guid="${g.c}" name="Fatigue" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${g.s}" name="P03" plainTextPath="internal://${g.s}.txt">
<PlainTextSelection guid="${guid()}" startPosition="${a}" endPosition="${b}"><Coding guid="${guid()}" creatingUser="${g.u}"><CodeRef targetGUID="${g.c}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${guid()}" startPosition="${c}" endPosition="${d}"><Coding guid="${guid()}" creatingUser="${g.u}"><CodeRef targetGUID="${g.c}"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
    put(dir, 'q.qdpx', qdpx(xml, { [`Sources/${g.s}.txt`]: enc(text) }));
    const s = importQdpx(ctx, 'q.qdpx');
    expect(s.positions.convention).toBe('codepoints');
    expect(listCodings(ctx).map((x) => [x.source, x.quote, x.coder])).toEqual([
      ['P03', 'tired 😩 all week', 'Cleo'],
      ['P03', 'Sleep helped', 'Cleo'],
    ]);
    expect(listSources(ctx).map((x) => x.id)).toEqual(['other', 'P03']);
  });

  it('refuses a file that is not a REFI-QDA project with a one-line reason, changing nothing', () => {
    const { dir, ctx } = newProject();
    put(dir, 'bad.qdpx', 'not a zip');
    expect(() => importQdpx(ctx, 'bad.qdpx')).toThrow(/bad\.qdpx: not a REFI-QDA project \(not a zip archive\)/);
    put(dir, 'noqde.qdpx', zipSync({ 'readme.txt': enc('hello') }));
    expect(() => importQdpx(ctx, 'noqde.qdpx')).toThrow(/no project\.qde inside/);
    put(dir, 'broken.qdpx', qdpx('<Project name="x"><Users>'));
    expect(() => importQdpx(ctx, 'broken.qdpx')).toThrow(/project\.qde is not well-formed XML/);
    expect(listSources(ctx)).toEqual([]);
  });
});

describe('qcode import on the command line', () => {
  it('prints the convention, the counts and the loss report; --json gives the same object', async () => {
    const { dir } = newProject();
    put(dir, 'ward.qdpx', nvivoProject().file);
    const dry = await runCli(['import', 'ward.qdpx', '--dry-run'], { cwd: dir, env: { QCODE_CODER: 'ana' } });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('dry run: would import ward.qdpx (from NVivo 14.23 (Windows))');
    expect(dry.stdout).toContain('positions: UTF-16 code units of the text as written, CR LF = 2 (NVivo for Windows)');
    expect(dry.stdout).toContain('codings: 4 added, 0 joined with overlapping ones, 0 already here, 1 orphaned');
    expect(dry.stdout).toContain('code "Stress" → "Stress (Home)"');
    expect(dry.stdout).toContain('1 picture selections: positions on an image, page region or time line have no place in a text');
    const json = await runCli(['import', 'ward.qdpx', '--json'], { cwd: dir, env: { QCODE_CODER: 'ana' } });
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: false, positions: { convention: 'utf16' }, imported: { codingsAdded: 4, orphans: 1 } });
  });

  it('reads code points of a CR LF text (counted as written) when the text says so', () => {
    const { dir, ctx } = newProject();
    const text = 'Interviewer: Nights?\r\nParticipant: Awful. Never again.\r\nInterviewer: Days?\r\nParticipant: Better, much better.\r\n';
    const g = { c: guid(), s: guid() };
    const sels = ['Awful', 'Never again', 'Better', 'much better'].map((q) => {
      const [a, b] = cpSpan(text, q);
      return `<PlainTextSelection guid="${guid()}" startPosition="${a}" endPosition="${b}"><Coding guid="${guid()}"><CodeRef targetGUID="${g.c}"/></Coding></PlainTextSelection>`;
    }).join('');
    const xml = `<?xml version="1.0"?><Project xmlns="${NS}" name="m" origin="MAXQDA 2022"><CodeBook><Codes><Code guid="${g.c}" name="Valence" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="${g.s}" name="P05" plainTextPath="internal://${g.s}.txt">${sels}</TextSource></Sources></Project>`;
    put(dir, 'm.qdpx', qdpx(xml, { [`Sources/${g.s}.txt`]: enc(text) }));
    const s = importQdpx({ ...ctx, coder: 'ana' }, 'm.qdpx');
    expect(s.positions.convention).not.toBe('codepoints-lf');
    expect(listCodings(ctx).map((c) => c.quote)).toEqual(['Awful', 'Never again', 'Better', 'much better']);
  });
});

describe('qcode import: texts outside the .qdpx', () => {
  it('reads a relative path beside the file, and never a file outside its folder', () => {
    const { dir, ctx } = newProject();
    put(dir, 'secret.txt', 'Participant: private words.\n');
    put(dir, 'exchange/beside.txt', 'Participant: words beside the file.\n');
    const g = { a: guid(), b: guid(), c: guid() };
    const xml = `<?xml version="1.0"?><Project xmlns="${NS}" name="x">
<Sources><TextSource guid="${g.a}" name="Beside" plainTextPath="relative://beside.txt"/><TextSource guid="${guid()}" name="Abs" plainTextPath="absolute://${dir}/secret.txt"/><TextSource guid="${g.b}" name="Escape" plainTextPath="../secret.txt"/><TextSource guid="${g.c}" name="Absolute" plainTextPath="${dir}/secret.txt"/></Sources></Project>`;
    put(dir, 'exchange/x.qdpx', qdpx(xml));
    const s = importQdpx({ ...ctx, coder: 'ana' }, 'exchange/x.qdpx');
    expect(listSources(ctx).map((x) => x.id)).toEqual(['Beside']);
    expect(s.sourcesWithoutText.map((w) => [w.source, w.reason])).toEqual([
      ['Abs', expect.stringContaining("outside the project file's folder")],
      ['Escape', expect.stringContaining("outside the project file's folder")],
      ['Absolute', expect.stringContaining("outside the project file's folder")],
    ]);
  });
});
