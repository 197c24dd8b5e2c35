/** Sources, their revisions and turns. */
import type { SourceFormat, SourceSummary, SourceText, StoredTurn } from '../core/model.js';
import type { Role } from '../core/talk.js';
import type { SourceTalk } from '../core/talk-words.js';
import type { Db } from './open.js';

/** A source's own fields, as ingest writes them. */
export interface SourceFields {
  caseId: number;
  wave: string;
  path: string;
  format: SourceFormat;
  encoding: string;
  date: string | null;
  durationSec: number | null;
  /** JSON of the metadata object. */
  metadata: string;
}

/** What identifies a stored source's current state, to decide what an ingest changes. */
export interface SourceState extends Omit<SourceFields, 'caseId'> {
  rowId: number;
  case: string;
  revision: number;
  hash: string;
}

export interface RevisionDraft {
  hash: string;
  text: string;
  length: number;
  lines: number;
  participantWords: number;
  interviewerWords: number;
  participantWordStarts: Uint32Array;
  turns: StoredTurn[];
}

const SUMMARY_SQL = `
SELECT s.name AS id, c.name AS "case", s.wave, s.format, s.encoding, s.path, s.date, s.duration_sec,
       s.metadata, s.current_revision AS revision, r.hash, r.length, r.lines,
       -- Turns are numbered 1…n per revision: the largest number is one seek, a count a scan.
       (SELECT coalesce(max(t.number), 0) FROM turns t WHERE t.revision_id = r.id) AS turns,
       r.participant_words, r.interviewer_words, r.id AS revision_id, s.id AS row_id
FROM sources s JOIN cases c ON c.id = s.case_id
JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision`;

interface SummaryRow {
  id: string; case: string; wave: string; format: SourceFormat; encoding: string; path: string;
  date: string | null; duration_sec: number | null; metadata: string; revision: number; hash: string;
  length: number; lines: number; turns: number; participant_words: number; interviewer_words: number;
  revision_id: number; row_id: number;
}

/** What a report's scope needs of each source before it knows which it keeps (loadScope). */
export interface ScopeSourceRow {
  rowId: number;
  id: string;
  case: string;
  wave: string;
  date: string | null;
  revision: number;
  participantWords: number;
}

interface TurnRow {
  number: number; speaker: string; role: Role; start: number; talk_start: number; talk_end: number;
  line_start: number; line_end: number; words: number; start_ms: number | null;
}

function toSummary(r: SummaryRow): SourceSummary {
  return {
    id: r.id, case: r.case, wave: r.wave, format: r.format, encoding: r.encoding, path: r.path,
    date: r.date, durationSec: r.duration_sec, metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    revision: r.revision, hash: r.hash, length: r.length, lines: r.lines, turns: r.turns,
    participantWords: r.participant_words, interviewerWords: r.interviewer_words, rowId: r.row_id,
  };
}

function toTurn(r: TurnRow): StoredTurn {
  return {
    number: r.number, speaker: r.speaker, role: r.role, start: r.start, talkStart: r.talk_start,
    talkEnd: r.talk_end, lineStart: r.line_start, lineEnd: r.line_end, words: r.words, startMs: r.start_ms,
  };
}

export class SourceRepo {
  private readonly stateStmt;
  private readonly nameStmt;
  private readonly allStartsStmt;
  private readonly revTextStmt;
  private readonly passageStmt;
  private readonly insertSourceStmt;
  private readonly updateSourceStmt;
  private readonly insertRevisionStmt;
  private readonly insertTurnStmt;
  private readonly listStmt;
  private readonly oneStmt;
  private readonly textStmt;
  private readonly turnsStmt;
  private readonly updateTalkStmt;
  private readonly updateRoleStmt;

  private bytesStmt: import('better-sqlite3').Statement<[number, number], [number, Buffer]> | undefined;
  private sliceStmt: import('better-sqlite3').Statement<[number, number, number, number], Buffer> | undefined;
  private talkPairsStmt: import('better-sqlite3').Statement<[number], string | null> | undefined;
  private hasTurnsStmt: import('better-sqlite3').Statement<[number], number> | undefined;
  private scopeStmt: import('better-sqlite3').Statement<[], ScopeSourceRow> | undefined;
  private turnBoundsStmt: import('better-sqlite3').Statement<[number, number], { start: number; talkEnd: number }> | undefined;
  private talkStmt: import('better-sqlite3').Statement<[string], { text: string; length: number; revision_id: number }> | undefined;
  private talkTurnsStmt: import('better-sqlite3').Statement<[number], [number, string, Role, number, number]> | undefined;

  constructor(private readonly db: Db) {
    this.stateStmt = db.prepare<[string], SourceState & { durationSec: number | null }>(`
      SELECT s.id AS rowId, c.name AS "case", s.wave, s.path, s.format, s.encoding, s.date,
             s.duration_sec AS durationSec, s.metadata, s.current_revision AS revision, r.hash
      FROM sources s JOIN cases c ON c.id = s.case_id
      JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision WHERE s.name = ?`);
    this.revTextStmt = db.prepare<[number, number], { text: string }>('SELECT text FROM revisions WHERE source_id = ? AND number = ?');
    this.passageStmt = db.prepare<[number, number], { id: number; text: string }>('SELECT id, text FROM revisions WHERE source_id = ? AND number = ?');
    this.allStartsStmt = db.prepare<[], { name: string; starts: Buffer }>(`
      SELECT s.name, r.participant_word_starts AS starts FROM sources s
      JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision`);
    this.nameStmt = db.prepare<[number], { name: string }>('SELECT name FROM sources WHERE id = ?');
    this.insertSourceStmt = db.prepare(`
      INSERT INTO sources (name, case_id, wave, path, format, encoding, date, duration_sec, metadata, current_revision, created_at, updated_at)
      VALUES (@name, @caseId, @wave, @path, @format, @encoding, @date, @durationSec, @metadata, 1, @now, @now)`);
    this.updateSourceStmt = db.prepare(`
      UPDATE sources SET case_id = @caseId, wave = @wave, path = @path, format = @format, encoding = @encoding,
        date = @date, duration_sec = @durationSec, metadata = @metadata, current_revision = @revision, updated_at = @now
      WHERE id = @rowId`);
    this.insertRevisionStmt = db.prepare(`
      INSERT INTO revisions (source_id, number, hash, text, length, lines, participant_words, interviewer_words, participant_word_starts, ingested_at)
      VALUES (@sourceId, @number, @hash, @text, @length, @lines, @participantWords, @interviewerWords, @starts, @now)`);
    this.insertTurnStmt = db.prepare(`
      INSERT INTO turns (revision_id, number, speaker, role, start, talk_start, talk_end, line_start, line_end, words, start_ms)
      VALUES (@revisionId, @number, @speaker, @role, @start, @talkStart, @talkEnd, @lineStart, @lineEnd, @words, @startMs)`);
    this.listStmt = db.prepare<[], SummaryRow>(SUMMARY_SQL);
    this.oneStmt = db.prepare<[string], SummaryRow>(`${SUMMARY_SQL} WHERE s.name = ?`);
    this.textStmt = db.prepare<[number], { text: string; participant_word_starts: Buffer }>(
      'SELECT text, participant_word_starts FROM revisions WHERE id = ?',
    );
    this.turnsStmt = db.prepare<[number], TurnRow>('SELECT * FROM turns WHERE revision_id = ? ORDER BY number');
    this.updateTalkStmt = db.prepare(
      'UPDATE revisions SET participant_words = @participantWords, interviewer_words = @interviewerWords, participant_word_starts = @starts WHERE id = @revisionId',
    );
    this.updateRoleStmt = db.prepare('UPDATE turns SET role = @role WHERE revision_id = @revisionId AND number = @number');
  }

  /** Every source's current participant-word index, by source id. */
  allWordStarts(): Map<string, Uint32Array> {
    return new Map(this.allStartsStmt.all().map((r) => [r.name, wordStartsFromBlob(r.starts)]));
  }

  /** The text of one revision of a source. */
  revisionText(rowId: number, revision: number): string | undefined {
    return this.revTextStmt.get(rowId, revision)?.text;
  }

  /** The source id (name) of a row id. */
  nameOf(rowId: number): string | undefined {
    return this.nameStmt.get(rowId)?.name;
  }

  state(name: string): SourceState | undefined {
    return this.stateStmt.get(name);
  }

  /** Inserts a new source with its first revision. */
  insert(name: string, fields: SourceFields, revision: RevisionDraft, now: string): void {
    const info = this.insertSourceStmt.run({ name, ...fields, now });
    this.addRevision(Number(info.lastInsertRowid), 1, revision, now);
  }

  /** Updates a source's fields; with `revision`, adds it as the next revision. */
  update(state: SourceState, fields: SourceFields, revision: RevisionDraft | null, now: string): void {
    const number = revision === null ? state.revision : state.revision + 1;
    if (revision !== null) this.addRevision(state.rowId, number, revision, now);
    this.updateSourceStmt.run({ rowId: state.rowId, ...fields, revision: number, now });
  }

  private addRevision(sourceId: number, number: number, r: RevisionDraft, now: string): void {
    const info = this.insertRevisionStmt.run({
      sourceId, number, hash: r.hash, text: r.text, length: r.length, lines: r.lines,
      participantWords: r.participantWords, interviewerWords: r.interviewerWords,
      starts: wordStartsBlob(r.participantWordStarts), now,
    });
    const revisionId = Number(info.lastInsertRowid);
    for (const t of r.turns) this.insertTurnStmt.run({ revisionId, ...t });
  }

  list(): SourceSummary[] {
    return this.listStmt.all().map(toSummary);
  }

  /**
   * A few fields of every source, for a report's scope: no metadata, no turn count, and
   * the revision read from its covering index (schema v7), not from revision rows a page
   * each. Each row's full summary is list()'s.
   */
  scopeList(): ScopeSourceRow[] {
    this.scopeStmt ??= this.db.prepare<[], ScopeSourceRow>(`
      SELECT s.id AS rowId, s.name AS id, c.name AS "case", s.wave, s.date, s.current_revision AS revision, r.participant_words AS participantWords
      FROM sources s JOIN cases c ON c.id = s.case_id
      JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision`);
    return this.scopeStmt.all();
  }

  /** Every source's current text length in code points (summary's length), by row id, from the covering index. */
  lengths(): Map<number, number> {
    const rows = this.db.prepare<[], [number, number]>(`
      SELECT s.id, r.length FROM sources s
      JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision`).raw(true).all();
    return new Map(rows);
  }

  summary(name: string): SourceSummary | undefined {
    const row = this.oneStmt.get(name);
    return row === undefined ? undefined : toSummary(row);
  }

  /** The current revision's text, turns and word index. */
  text(name: string): SourceText | undefined {
    const row = this.oneStmt.get(name);
    if (row === undefined) return undefined;
    const rev = this.textStmt.get(row.revision_id)!;
    return {
      source: toSummary(row),
      revisionId: row.revision_id,
      text: rev.text,
      turns: this.turnsStmt.all(row.revision_id).map(toTurn),
      participantWordStarts: wordStartsFromBlob(rev.participant_word_starts),
    };
  }

  /** The current revision's text, length and turns alone (text queries read every source). */
  talk(name: string): SourceTalk | undefined {
    this.talkStmt ??= this.db.prepare<[string], { text: string; length: number; revision_id: number }>(`
      SELECT r.text, r.length, r.id AS revision_id FROM sources s JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision WHERE s.name = ?`);
    this.talkTurnsStmt ??= this.db.prepare<[number], [number, string, Role, number, number]>(
      'SELECT number, speaker, role, talk_start, talk_end FROM turns WHERE revision_id = ? ORDER BY number').raw();
    const row = this.talkStmt.get(name);
    if (row === undefined) return undefined;
    const turns = this.talkTurnsStmt.all(row.revision_id).map(([number, speaker, role, talkStart, talkEnd]) => ({ number, speaker, role, talkStart, talkEnd }));
    return { text: row.text, length: row.length, turns };
  }

  /**
   * The sources whose current text matches any of the LIKE patterns (SQLite's LIKE ignores
   * the case of ASCII letters only): a cheap first pass before reading texts.
   */
  namesWithTextLike(patterns: readonly string[]): Set<string> {
    const sql = `SELECT s.name FROM sources s JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision
      WHERE ${patterns.map(() => "r.text LIKE ? ESCAPE '\\'").join(' OR ')}`;
    return new Set(this.db.prepare<string[], { name: string }>(sql).all(...patterns).map((r) => r.name));
  }

  /** The current revision's turns alone (no text), for listings of speakers. */
  turnsOf(name: string): StoredTurn[] | undefined {
    const row = this.oneStmt.get(name);
    return row === undefined ? undefined : this.turnsStmt.all(row.revision_id).map(toTurn);
  }

  /**
   * The text and turns of one revision, for reports that quote passages: no summary and no
   * word index (reports count words from their own index).
   */
  passageText(rowId: number, revision: number): { revisionId: number; text: string; turns: StoredTurn[] } | undefined {
    const row = this.passageStmt.get(rowId, revision);
    if (row === undefined) return undefined;
    return { revisionId: row.id, text: row.text, turns: this.turnsStmt.all(row.id).map(toTurn) };
  }

  /**
   * Where each turn of one revision starts and its talk ends (code points), in turn order,
   * without the text: agreement's turn units of a source with turns need no more.
   */
  turnBounds(rowId: number, revision: number): { start: number; talkEnd: number }[] {
    this.turnBoundsStmt ??= this.db.prepare<[number, number], { start: number; talkEnd: number }>(`
      SELECT t.start, t.talk_end AS talkEnd FROM revisions r JOIN turns t ON t.revision_id = r.id
      WHERE r.source_id = ? AND r.number = ? ORDER BY t.number`);
    return this.turnBoundsStmt.all(rowId, revision);
  }

  /**
   * The text of one revision as UTF-8 bytes, and the talk of its participant turns as
   * [talkStart, talkEnd) pairs in text order (null when it has no turns), for reports that
   * quote passages: SQLite hands the text over as it stores it, with no string decoded and
   * no row object per turn.
   */
  passageBytes(rowId: number, revision: number): { bytes: Uint8Array; talk: Int32Array | null } | undefined {
    // The pairs as a JSON array: JSON.parse reads it several times faster than split and Number.
    this.talkPairsStmt ??= this.db.prepare<[number], string | null>(`
      SELECT '[' || group_concat(talk_start || ',' || talk_end, ',') || ']'
      FROM (SELECT talk_start, talk_end FROM turns WHERE revision_id = ? AND role = 'participant' ORDER BY number)`).pluck();
    const row = this.bytesRow(rowId, revision);
    if (row === undefined) return undefined;
    const pairs = this.talkPairsStmt.get(row[0]) ?? null;
    if (pairs !== null) return { bytes: row[1], talk: new Int32Array(JSON.parse(pairs) as number[]) };
    // No participant turn: no talk at all, or (without turns) all of the text is talk.
    this.hasTurnsStmt ??= this.db.prepare<[number], number>('SELECT EXISTS (SELECT 1 FROM turns WHERE revision_id = ?)').pluck();
    return { bytes: row[1], talk: this.hasTurnsStmt.get(row[0]) === 1 ? new Int32Array() : null };
  }

  /** The text of one revision as SQLite stores it (UTF-8 bytes), with no string decoded. */
  textBytes(rowId: number, revision: number): Uint8Array | undefined {
    return this.bytesRow(rowId, revision)?.[1];
  }

  /**
   * Bytes [from, to) of a revision's stored text (UTF-8): only those reach JavaScript (SQLite
   * still reads the value whole).
   */
  textSlice(rowId: number, revision: number, from: number, to: number): Uint8Array | undefined {
    this.sliceStmt ??= this.db.prepare<[number, number, number, number], Buffer>(
      'SELECT substr(CAST(text AS BLOB), ?, ?) FROM revisions WHERE source_id = ? AND number = ?').pluck();
    return this.sliceStmt.get(from + 1, to - from, rowId, revision);
  }

  private bytesRow(rowId: number, revision: number): [number, Buffer] | undefined {
    this.bytesStmt ??= this.db.prepare<[number, number], [number, Buffer]>(
      'SELECT id, CAST(text AS BLOB) FROM revisions WHERE source_id = ? AND number = ?').raw();
    return this.bytesStmt.get(rowId, revision);
  }

  /** Rewrites who-says-what of a revision after the interviewer labels changed. */
  updateTalk(revisionId: number, roles: Role[], participantWords: number, interviewerWords: number, starts: Uint32Array): void {
    roles.forEach((role, i) => this.updateRoleStmt.run({ revisionId, number: i + 1, role }));
    this.updateTalkStmt.run({ revisionId, participantWords, interviewerWords, starts: wordStartsBlob(starts) });
  }
}

/** Word starts are stored as little-endian uint32, four bytes each. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function wordStartsBlob(starts: Uint32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(starts.buffer, starts.byteOffset, starts.byteLength);
  const buf = Buffer.alloc(starts.length * 4);
  for (let i = 0; i < starts.length; i++) buf.writeUInt32LE(starts[i]!, i * 4);
  return buf;
}

export function wordStartsFromBlob(blob: Uint8Array): Uint32Array {
  if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) return new Uint32Array(blob.buffer, blob.byteOffset, blob.length / 4);
  const out = new Uint32Array(blob.length / 4);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(blob);
    return out;
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
