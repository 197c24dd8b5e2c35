import { describe, expect, it } from 'vitest';
import { memoryDb, type Db } from '../../src/db/open.js';
import { SourceRepo, wordStartsFromBlob, type RevisionDraft, type SourceFields } from '../../src/db/source-repo.js';
import { CaseRepo } from '../../src/db/case-repo.js';
import { CoderRepo } from '../../src/db/coder-repo.js';
import { CodeRepo } from '../../src/db/code-repo.js';
import { CodingRepo, type CodingRow } from '../../src/db/coding-repo.js';
import { MemoRepo } from '../../src/db/memo-repo.js';
import { SessionRepo } from '../../src/db/session-repo.js';
import { SettingsRepo } from '../../src/db/settings-repo.js';
import { IntegrityRepo } from '../../src/db/integrity-repo.js';
import type { StoredTurn } from '../../src/core/model.js';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';

const TEXT = 'Interviewer: How are you?\nParticipant: Tired but fine.\n';
const TURNS: StoredTurn[] = [
  { number: 1, speaker: 'Interviewer', role: 'interviewer', start: 0, talkStart: 13, talkEnd: 25, lineStart: 1, lineEnd: 1, words: 3, startMs: null },
  { number: 2, speaker: 'Participant', role: 'participant', start: 26, talkStart: 39, talkEnd: 54, lineStart: 2, lineEnd: 2, words: 3, startMs: 61_000 },
];

function draft(over: Partial<RevisionDraft> = {}): RevisionDraft {
  return {
    hash: 'h1', text: TEXT, length: [...TEXT].length, lines: 3, participantWords: 3, interviewerWords: 3,
    participantWordStarts: Uint32Array.from([39, 46, 50]), turns: TURNS, ...over,
  };
}

function fields(caseId: number, over: Partial<SourceFields> = {}): SourceFields {
  return {
    caseId, wave: '1', path: 'in/P01_T1.txt', format: 'txt', encoding: 'utf-8', date: null, durationSec: null,
    metadata: '{"site":"north"}', ...over,
  };
}

/** A database with repositories, one case, one coder and one source. */
function setup() {
  const db = memoryDb();
  const r = {
    db, sources: new SourceRepo(db), cases: new CaseRepo(db), coders: new CoderRepo(db), codes: new CodeRepo(db),
    codings: new CodingRepo(db), memos: new MemoRepo(db), sessions: new SessionRepo(db), settings: new SettingsRepo(db),
  };
  const caseId = r.cases.ensure('P01', NOW).id;
  r.sources.insert('P01_T1', fields(caseId), draft(), NOW);
  const sourceId = r.sources.state('P01_T1')!.rowId;
  const ana = r.coders.ensure('ana', NOW);
  return { ...r, caseId, sourceId, ana };
}

type Setup = ReturnType<typeof setup>;

function addCode(r: Setup, name: string, parentId: number | null = null): number {
  return r.codes.insert({ name, key: name.toLowerCase(), parentId }, r.ana, NOW);
}

function coding(r: Setup, codeId: number, start: number, end: number, over: Partial<CodingRow> = {}): Omit<CodingRow, 'id'> {
  return {
    codeId, sourceId: r.sourceId, coderId: r.ana, revision: 1, start, end, quote: TEXT.slice(start, end),
    before: '', after: '', weight: null, orphaned: false, createdAt: NOW, updatedAt: NOW, ...over,
  };
}

const sqliteError = (code: string) => expect.objectContaining({ code });

describe('SourceRepo', () => {
  it('inserts a source with its first revision and reads it back', () => {
    const r = setup();
    expect(r.sources.state('P01_T1')).toEqual({
      rowId: r.sourceId, case: 'P01', wave: '1', path: 'in/P01_T1.txt', format: 'txt', encoding: 'utf-8', date: null,
      durationSec: null, metadata: '{"site":"north"}', revision: 1, hash: 'h1',
    });
    expect(r.sources.state('nope')).toBeUndefined();
    expect(r.sources.list()).toEqual([{
      id: 'P01_T1', case: 'P01', wave: '1', format: 'txt', encoding: 'utf-8', path: 'in/P01_T1.txt', date: null, durationSec: null,
      metadata: { site: 'north' }, revision: 1, hash: 'h1', length: TEXT.length, lines: 3, turns: 2, participantWords: 3,
      interviewerWords: 3, rowId: r.sourceId,
    }]);
    expect(r.sources.summary('P01_T1')).toEqual(r.sources.list()[0]);
    expect(r.sources.nameOf(r.sourceId)).toBe('P01_T1');
    const t = r.sources.text('P01_T1')!;
    expect(t.text).toBe(TEXT);
    expect(t.turns).toEqual(TURNS);
    expect([...t.participantWordStarts]).toEqual([39, 46, 50]);
    expect(r.sources.text('nope')).toBeUndefined();
  });

  it('updates fields alone, or adds the next revision; older revisions keep their text', () => {
    const r = setup();
    const other = r.cases.ensure('P02', NOW).id;
    r.sources.update(r.sources.state('P01_T1')!, fields(other, { wave: '2', date: '2024-03-01', durationSec: 3600.5 }), null, LATER);
    expect(r.sources.state('P01_T1')).toMatchObject({ case: 'P02', wave: '2', date: '2024-03-01', durationSec: 3600.5, revision: 1, hash: 'h1' });
    const text2 = `${TEXT}Interviewer: Thanks.\n`;
    r.sources.update(r.sources.state('P01_T1')!, fields(other), draft({ hash: 'h2', text: text2, turns: [TURNS[0]!] }), LATER);
    expect(r.sources.state('P01_T1')).toMatchObject({ revision: 2, hash: 'h2' });
    expect(r.sources.text('P01_T1')!.text).toBe(text2);
    expect(r.sources.text('P01_T1')!.turns).toHaveLength(1);
    expect(r.sources.revisionText(r.sourceId, 1)).toBe(TEXT);
    expect(r.sources.revisionText(r.sourceId, 2)).toBe(text2);
    expect(r.sources.revisionText(r.sourceId, 3)).toBeUndefined();
  });

  it('rewrites who says what of a revision', () => {
    const r = setup();
    const t = r.sources.text('P01_T1')!;
    r.sources.updateTalk(t.revisionId, ['participant', 'participant'], 6, 0, Uint32Array.from([13, 17, 21, 39, 46, 50]));
    const after = r.sources.text('P01_T1')!;
    expect(after.turns.map((x) => x.role)).toEqual(['participant', 'participant']);
    expect(after.source).toMatchObject({ participantWords: 6, interviewerWords: 0 });
    expect([...after.participantWordStarts]).toEqual([13, 17, 21, 39, 46, 50]);
  });

  it('round-trips word starts through the blob, whatever the buffer offsets', () => {
    const r = setup();
    // A view into a larger buffer: only its own elements are stored.
    const big = Uint32Array.from([7, 7, 1, 70_000, 4_000_000_000, 7]);
    r.sources.insert('P02_T1', fields(r.caseId), draft({ hash: 'x', participantWordStarts: big.subarray(2, 5) }), NOW);
    r.sources.insert('P03_T1', fields(r.caseId), draft({ hash: 'y', participantWordStarts: new Uint32Array(0) }), NOW);
    const all = r.sources.allWordStarts();
    expect([...all.keys()].sort()).toEqual(['P01_T1', 'P02_T1', 'P03_T1']);
    expect([...all.get('P01_T1')!]).toEqual([39, 46, 50]);
    expect([...all.get('P02_T1')!]).toEqual([1, 70_000, 4_000_000_000]);
    expect(all.get('P03_T1')!).toHaveLength(0);
    expect([...r.sources.text('P02_T1')!.participantWordStarts]).toEqual([1, 70_000, 4_000_000_000]);

    // A blob at an odd byte offset (as Buffer pools hand them out) is copied, not viewed.
    const le = new Uint8Array(Uint32Array.from([5, 300, 0x01020304]).buffer);
    const odd = new Uint8Array(le.length + 3);
    odd.set(le, 3);
    const blob = odd.subarray(3);
    expect(blob.byteOffset % 4).toBe(3);
    expect([...wordStartsFromBlob(blob)]).toEqual([5, 300, 0x01020304]);
    const pooled = Buffer.concat([Buffer.from([9]), Buffer.from(le)]).subarray(1);
    expect([...wordStartsFromBlob(pooled)]).toEqual([5, 300, 0x01020304]);
    expect(wordStartsFromBlob(new Uint8Array(0))).toHaveLength(0);
  });

  it('enforces its constraints', () => {
    const r = setup();
    expect(() => r.sources.insert('P01_T1', fields(r.caseId), draft(), NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_UNIQUE'));
    expect(() => r.sources.insert('P09_T1', fields(999), draft(), NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.sources.insert('P09_T1', fields(r.caseId, { format: 'xlsx' as never }), draft(), NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.sources.insert('P09_T1', fields(r.caseId, { metadata: '{oops' }), draft(), NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(r.sources.list()).toHaveLength(1);
  });
});

describe('CaseRepo and CoderRepo', () => {
  it('ensures cases, sets attributes counting only real changes, lists them', () => {
    const r = setup();
    expect(r.cases.ensure('P01', LATER)).toEqual({ id: r.caseId, created: false });
    const p02 = r.cases.ensure('P02', NOW);
    expect(p02.created).toBe(true);
    expect(r.cases.find('P02')).toBe(p02.id);
    expect(r.cases.find('P99')).toBeUndefined();
    expect(r.cases.setAttributes(r.caseId, { age: '34', gender: 'woman' })).toBe(2);
    expect(r.cases.setAttributes(r.caseId, { age: '34', gender: 'woman' })).toBe(0);
    expect(r.cases.setAttributes(r.caseId, { age: '35', gender: 'woman', site: 'north' })).toBe(2);
    expect(r.cases.list().sort((a, b) => a.case.localeCompare(b.case))).toEqual([
      { case: 'P01', sources: 1, attributes: { age: '35', gender: 'woman', site: 'north' } },
      { case: 'P02', sources: 0, attributes: {} },
    ]);
    expect(() => r.cases.setAttributes(999, { age: '1' })).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.cases.ensure('', NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
  });

  it('ensures coders once and lists them by name', () => {
    const r = setup();
    expect(r.coders.ensure('ana', LATER)).toBe(r.ana);
    const bo = r.coders.ensure('bo', NOW);
    const al = r.coders.ensure('al', NOW);
    expect(r.coders.find('bo')).toBe(bo);
    expect(r.coders.find('Bo')).toBeUndefined();
    expect(r.coders.list()).toEqual([{ id: al, name: 'al' }, { id: r.ana, name: 'ana' }, { id: bo, name: 'bo' }]);
  });
});

describe('CodeRepo', () => {
  it('inserts, renames, moves, sets fields and deletes codes', () => {
    const r = setup();
    const theme = addCode(r, 'Well-being');
    const sleep = r.codes.insert({ name: 'Sleep', key: 'sleep', parentId: theme, description: 'rest', color: '#1f77b4' }, r.ana, NOW);
    expect(r.codes.list().find((c) => c.id === sleep)).toEqual({
      id: sleep, name: 'Sleep', parentId: theme, description: 'rest', include: null, exclude: null, example: null,
      color: '#1f77b4', createdBy: 'ana', createdAt: NOW,
    });
    r.codes.rename(sleep, 'Sleep and rest', 'sleep and rest');
    r.codes.move(sleep, null);
    r.codes.setField(sleep, 'include', 'naps');
    r.codes.setField(sleep, 'description', null);
    expect(r.codes.list().find((c) => c.id === sleep)).toMatchObject({ name: 'Sleep and rest', parentId: null, include: 'naps', description: null });
    r.codes.delete(sleep);
    expect(r.codes.list().map((c) => c.name)).toEqual(['Well-being']);
  });

  it('enforces the unique name key, the parent and the colour', () => {
    const r = setup();
    const theme = addCode(r, 'Well-being');
    expect(() => r.codes.insert({ name: 'WELL-BEING', key: 'well-being', parentId: null }, r.ana, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_UNIQUE'));
    const sleep = addCode(r, 'Sleep', theme);
    expect(() => r.codes.rename(sleep, 'Well-Being', 'well-being')).toThrow(sqliteError('SQLITE_CONSTRAINT_UNIQUE'));
    expect(() => r.codes.move(sleep, sleep)).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codes.move(sleep, 999)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.codes.setField(sleep, 'color', 'red')).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codes.insert({ name: 'X', key: 'x', parentId: null }, 999, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    // A parent with children, or a code with codings, cannot be deleted from under them.
    expect(() => r.codes.delete(theme)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    r.codings.insert(coding(r, sleep, 39, 44));
    expect(() => r.codes.delete(sleep)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
  });

  it('records the history in order, with details as objects', () => {
    const r = setup();
    const bo = r.coders.ensure('bo', NOW);
    r.codes.record(r.ana, NOW, 'add', 'Sleep', { parent: null });
    r.codes.record(bo, LATER, 'rename', 'Sleep', { from: 'Sleep', to: 'Rest' });
    expect(r.codes.history()).toEqual([
      { id: 1, at: NOW, coder: 'ana', action: 'add', code: 'Sleep', details: { parent: null } },
      { id: 2, at: LATER, coder: 'bo', action: 'rename', code: 'Sleep', details: { from: 'Sleep', to: 'Rest' } },
    ]);
    expect(() => r.codes.record(r.ana, NOW, 'explode', 'Sleep', {})).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
  });
});

describe('CodingRepo', () => {
  it('inserts and gets a coding; refuses an empty or reversed span and dangling references', () => {
    const r = setup();
    const c = addCode(r, 'Tired');
    const row = coding(r, c, 39, 44, { weight: 80, before: 'Participant: ', after: ' but fine.' });
    const id = r.codings.insert(row);
    expect(r.codings.get(id)).toEqual({ id, ...row });
    expect(r.codings.get(999)).toBeUndefined();
    expect(() => r.codings.insert(coding(r, c, 20, 20))).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codings.insert(coding(r, c, 20, 10))).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codings.insert(coding(r, c, -1, 10))).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codings.insert(coding(r, c, 0, 10, { weight: 101 }))).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.codings.insert(coding(r, 999, 0, 10))).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.codings.insert(coding(r, c, 0, 10, { sourceId: 999 }))).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.codings.insert(coding(r, c, 0, 10, { coderId: 999 }))).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
  });

  it('meeting: codings that overlap or touch a span, of one code, coder and source, placed only', () => {
    const r = setup();
    const c = addCode(r, 'Tired');
    const other = addCode(r, 'Fine');
    const id = r.codings.insert(coding(r, c, 10, 20));
    const ids = (start: number, end: number) => r.codings.meeting(r.sourceId, c, r.ana, start, end).map((x) => x.id);
    expect(ids(20, 30)).toEqual([id]); // touches its end
    expect(ids(0, 10)).toEqual([id]); // touches its start
    expect(ids(12, 15)).toEqual([id]); // inside
    expect(ids(0, 40)).toEqual([id]); // around
    expect(ids(21, 30)).toEqual([]); // a one-character gap
    expect(ids(0, 9)).toEqual([]);
    expect(r.codings.meeting(r.sourceId, other, r.ana, 10, 20)).toEqual([]);
    expect(r.codings.meeting(r.sourceId, c, r.coders.ensure('bo', NOW), 10, 20)).toEqual([]);
    const later = r.codings.insert(coding(r, c, 25, 30));
    const orphan = r.codings.insert(coding(r, c, 18, 26, { orphaned: true }));
    expect(ids(20, 25)).toEqual([id, later]);
    expect(r.codings.get(orphan)!.orphaned).toBe(true);
  });

  it('updates, deletes and restores a coding under its old id', () => {
    const r = setup();
    const c = addCode(r, 'Tired');
    const id = r.codings.insert(coding(r, c, 39, 44));
    const row = r.codings.get(id)!;
    r.codings.update({ ...row, start: 39, end: 54, quote: TEXT.slice(39, 54), orphaned: true, updatedAt: LATER });
    expect(r.codings.get(id)).toMatchObject({ start: 39, end: 54, orphaned: true, createdAt: NOW, updatedAt: LATER });
    const changed = r.codings.get(id)!;
    r.codings.delete(id);
    expect(r.codings.get(id)).toBeUndefined();
    r.codings.restore(changed);
    expect(r.codings.get(id)).toEqual(changed);
    expect(() => r.codings.restore(changed)).toThrow(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'));
  });

  it('recodes, lists with filters, counts by code, and gives the placed codings of current revisions', () => {
    const r = setup();
    const tired = addCode(r, 'Tired');
    const fine = addCode(r, 'Fine');
    const bo = r.coders.ensure('bo', NOW);
    const p02 = r.cases.ensure('P02', NOW).id;
    r.sources.insert('P02_T1', fields(p02), draft({ hash: 'z' }), NOW);
    const s2 = r.sources.state('P02_T1')!.rowId;
    const a = r.codings.insert(coding(r, tired, 39, 44));
    const b = r.codings.insert(coding(r, fine, 49, 53, { coderId: bo }));
    const c = r.codings.insert(coding(r, tired, 13, 16, { sourceId: s2 }));
    const d = r.codings.insert(coding(r, tired, 0, 5, { sourceId: s2, orphaned: true }));
    // In source-name, start order.
    expect(r.codings.list().map((x) => x.id)).toEqual([a, b, d, c]);
    expect(r.codings.list({ codeIds: [fine] }).map((x) => x.id)).toEqual([b]);
    expect(r.codings.list({ codeIds: [] })).toEqual([]);
    // The sources of what list() gives, in its order.
    const sourcesOf = (f: Parameters<typeof r.codings.list>[0]) => [...new Set(r.codings.list(f).map((x) => x.sourceId))];
    for (const f of [{}, { codeIds: [fine] }, { coderId: r.ana }, { caseName: 'P02' }, { codeIds: [] }]) expect(r.codings.sourceIdsOf(f), JSON.stringify(f)).toEqual(sourcesOf(f));
    expect(r.codings.sourceIdsOf()).toEqual([r.sourceId, s2]);
    expect(r.codings.list({ sourceId: s2 }).map((x) => x.id)).toEqual([d, c]);
    expect(r.codings.list({ caseName: 'P02', coderId: r.ana }).map((x) => x.id)).toEqual([d, c]);
    expect(r.codings.list({ coderId: bo })).toEqual([
      expect.objectContaining({ id: b, code: 'Fine', source: 'P01_T1', case: 'P01', wave: '1', coder: 'bo', quote: TEXT.slice(49, 53) }),
    ]);
    expect(r.codings.forSource(r.sourceId).map((x) => x.id)).toEqual([a, b]);
    // Coders with codings, by name: not those with none.
    r.coders.ensure('cy', NOW);
    expect(r.codings.coderNames()).toEqual(['ana', 'bo']);
    expect(r.codings.countsByCode()).toEqual(new Map([[tired, { codings: 3, sources: 2, cases: 2 }], [fine, { codings: 1, sources: 1, cases: 1 }]]));

    // placed(): not orphaned, and on the source's current revision.
    const placed = () => r.codings.placed().map((x) => x.join(',')).sort();
    expect(placed()).toEqual([`${fine},${r.sourceId},${bo},49,53`, `${tired},${r.sourceId},${r.ana},39,44`, `${tired},${s2},${r.ana},13,16`].sort());
    r.sources.update(r.sources.state('P02_T1')!, fields(p02), draft({ hash: 'z2' }), LATER);
    expect(placed()).toEqual([`${fine},${r.sourceId},${bo},49,53`, `${tired},${r.sourceId},${r.ana},39,44`].sort());

    expect(r.codings.recode(tired, fine, LATER)).toBe(3);
    expect(r.codings.list({ codeIds: [tired] })).toEqual([]);
    expect(r.codings.get(a)).toMatchObject({ codeId: fine, updatedAt: LATER });
  });
});

describe('MemoRepo', () => {
  it('inserts memos with links, lists them by filter, updates and deletes', () => {
    const r = setup();
    const c = addCode(r, 'Tired');
    const bo = r.coders.ensure('bo', NOW);
    const k = r.codings.insert(coding(r, c, 39, 44));
    const free = r.memos.insert(r.ana, null, 'A thought.', {}, NOW);
    const onCoding = r.memos.insert(r.ana, 'Why tired?', 'Night shifts?', { sourceId: r.sourceId, codeId: c, codingId: k, turn: 2 }, NOW);
    const onCase = r.memos.insert(bo, null, 'Calm person.', { caseId: r.caseId }, NOW);
    expect(r.memos.get(onCoding)).toEqual({
      id: onCoding, title: 'Why tired?', text: 'Night shifts?', coder: 'ana', source: 'P01_T1', code: 'Tired', case: null,
      coding: k, turn: 2, createdAt: NOW, updatedAt: NOW,
    });
    expect(r.memos.get(999)).toBeUndefined();
    const ids = (f: Parameters<MemoRepo['list']>[0]) => r.memos.list(f).map((m) => m.id);
    expect(ids({})).toEqual([free, onCoding, onCase]);
    expect(ids({ sourceId: r.sourceId })).toEqual([onCoding]);
    expect(ids({ codeId: c })).toEqual([onCoding]);
    expect(ids({ caseId: r.caseId })).toEqual([onCase]);
    expect(ids({ codingId: k })).toEqual([onCoding]);
    expect(ids({ coderId: bo })).toEqual([onCase]);
    expect(ids({ coderId: r.ana, codeId: c })).toEqual([onCoding]);
    expect(r.memos.links(onCoding)).toEqual({ sourceId: r.sourceId, codingId: k });
    expect(r.memos.links(free)).toEqual({ sourceId: null, codingId: null });
    r.memos.update(free, 'Title', 'Longer thought.', LATER);
    expect(r.memos.get(free)).toMatchObject({ title: 'Title', text: 'Longer thought.', createdAt: NOW, updatedAt: LATER });
    r.memos.delete(free);
    expect(ids({})).toEqual([onCoding, onCase]);
    expect(() => r.memos.insert(r.ana, null, 'x', { codingId: 999 }, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
    expect(() => r.memos.insert(999, null, 'x', {}, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
  });

  it('re-links and unlinks codes and codings; keeps dates with insertAs; lists by creation date', () => {
    const r = setup();
    const tired = addCode(r, 'Tired');
    const fine = addCode(r, 'Fine');
    const k1 = r.codings.insert(coding(r, tired, 39, 44));
    const k2 = r.codings.insert(coding(r, tired, 45, 48));
    const m1 = r.memos.insert(r.ana, null, 'one', { codeId: tired, codingId: k1 }, LATER);
    const m2 = r.memos.insertAs(r.ana, null, 'two', { codeId: tired, codingId: k2 }, NOW, '2026-01-15T00:00:00.000Z');
    expect(r.memos.get(m2)).toMatchObject({ createdAt: NOW, updatedAt: '2026-01-15T00:00:00.000Z', code: 'Tired', coding: k2 });
    expect(r.memos.list().map((m) => m.id)).toEqual([m2, m1]); // by created_at, not id
    expect(r.memos.relinkCoding(k2, k1)).toBe(1);
    expect(r.memos.list({ codingId: k1 }).map((m) => m.id)).toEqual([m2, m1]);
    expect(r.memos.relinkCoding(k1, null)).toBe(2);
    expect(r.memos.list({ codingId: k1 })).toEqual([]);
    expect(r.memos.relinkCode(tired, fine)).toBe(2);
    expect(r.memos.list({ codeId: fine }).map((m) => m.id)).toEqual([m2, m1]);
    expect(r.memos.unlinkCode(fine)).toBe(2);
    expect(r.memos.list().map((m) => [m.text, m.code])).toEqual([['two', null], ['one', null]]);
    expect(r.memos.unlinkCode(fine)).toBe(0);
    // Now the code and codings can go: no memo points at them.
    r.codings.delete(k1);
    r.codings.delete(k2);
    r.codes.delete(tired);
  });
});

describe('SessionRepo and SettingsRepo', () => {
  it('remembers the last turn per coder and source', () => {
    const r = setup();
    const bo = r.coders.ensure('bo', NOW);
    expect(r.sessions.lastTurn(r.ana, r.sourceId)).toBeUndefined();
    r.sessions.setTurn(r.ana, r.sourceId, 3, NOW);
    r.sessions.setTurn(r.ana, r.sourceId, 5, LATER);
    r.sessions.setTurn(bo, r.sourceId, 1, NOW);
    expect(r.sessions.lastTurn(r.ana, r.sourceId)).toBe(5);
    expect(r.sessions.lastTurn(bo, r.sourceId)).toBe(1);
    expect(r.db.prepare('SELECT count(*) AS n FROM coding_sessions').get()).toEqual({ n: 2 });
    expect(() => r.sessions.setTurn(r.ana, r.sourceId, 0, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_CHECK'));
    expect(() => r.sessions.setTurn(r.ana, 999, 1, NOW)).toThrow(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'));
  });

  it('stores settings as JSON values', () => {
    const db: Db = memoryDb();
    const s = new SettingsRepo(db);
    expect(s.get('interviewer')).toBeUndefined();
    s.set('interviewer', ['Interviewer', 'Q']);
    expect(s.get<string[]>('interviewer')).toEqual(['Interviewer', 'Q']);
    s.set('interviewer', ['Mod']);
    s.set('flag', false);
    s.set('n', 0);
    expect([s.get('interviewer'), s.get('flag'), s.get('n')]).toEqual([['Mod'], false, 0]);
  });
});

describe('IntegrityRepo', () => {
  it('finds nothing wrong in a fresh database, and reads codings and revision texts source by source', () => {
    const r = setup();
    const c = addCode(r, 'Tired');
    r.codings.insert(coding(r, c, 39, 44, { revision: 2 }));
    const i = new IntegrityRepo(r.db);
    expect(i.integrityCheck()).toEqual([]);
    expect(i.foreignKeyProblems()).toEqual([]);
    const [source] = i.sources();
    expect(source).toMatchObject({ name: 'P01_T1', current: 1 });
    expect(i.codingsOf(source!.id)).toEqual([[1, c, expect.any(Number), 2, 39, 44, expect.any(String), 0]]);
    expect(i.revisionText(source!.id, 2)).toBeUndefined();
    expect(i.revisionText(source!.id, 1)).toEqual(expect.any(String));
  });
});
