import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkProject } from '../../src/app/check.js';
import { tag } from '../../src/app/tag.js';
import { as, codingProject } from '../support/coding.js';

/** Transcripts with characters of two, three and four UTF-8 bytes before and inside the spans. */
const A01_T1 = [
  'Interviewer: Wie war die erste Woche? 😀',
  'Participant: Grüße — I couldn’t sleep… “at all” 𝔘𝔫𝔦 in the end.',
  'Interviewer: 東京 then?',
  'Participant: Yes, Tokyo 東京, and back � home.',
  '',
].join('\n');
const B02_T1 = ['Interviewer: Plain text here.', 'Participant: Only ASCII in this one, fine.', ''].join('\n');
const C03_T1 = ['Interviewer: Was it hard?', 'Participant: It was hard… mostly.', ''].join('\n');

/**
 * A project where every shortcut of the parallel check could go wrong: quotes that differ
 * only inside a multi-byte character, spans ending exactly at the text's end or one past it,
 * orphans on the current revision, a text that is not valid UTF-8, a missing current
 * revision, a dangling code, a quote whose bytes are not UTF-8 but read as the same text,
 * orphaned = 2 against the CHECK constraint, and an index that no longer matches its table
 * (which SQLite's integrity check, on the worker, reports).
 */
async function plantedProject(): Promise<{ dir: string; ctx: Parameters<typeof checkProject>[0] }> {
  const { dir, ctx } = await codingProject({ 'A01_T1.txt': A01_T1, 'B02_T1.txt': B02_T1, 'C03_T1.txt': C03_T1 });
  const ana = as(ctx, 'ana');
  const bo = as(ctx, 'bo');
  const t = (c: typeof ana, code: string, source: string, match: string): void => void tag(c, { codes: [code], source, selector: { match }, createNew: true });
  t(ana, 'Sleep', 'A01_T1', 'I couldn’t sleep… “at all”'); // 1: quote differs in ’ only
  t(bo, 'Sleep', 'A01_T1', 'I couldn’t sleep… “at all” 𝔘𝔫𝔦'); // 2: sound, astral inside
  t(ana, 'Tokyo', 'A01_T1', 'Tokyo 東京'); // 3: quote differs in 京 only
  t(ana, 'Home', 'A01_T1', 'back � home.'); // 4: quote bytes not UTF-8, read as U+FFFD
  t(ana, 'End', 'A01_T1', 'home.'); // 5: span to the very end of the text, sound
  t(bo, 'Home', 'A01_T1', 'Yes'); // 6: span one past the end
  t(ana, 'Plain', 'B02_T1', 'Only ASCII'); // 7: orphaned on the current revision
  t(bo, 'Plain', 'B02_T1', 'fine.'); // 8: sound, ASCII text
  t(ana, 'Plain', 'B02_T1', 'Plain text'); // 9: dangling code
  t(ana, 'Hard', 'C03_T1', 'It was hard… mostly.'); // 10: its source's text is not valid UTF-8
  t(bo, 'Hard', 'C03_T1', 'mostly'); // 11: on an old revision
  t(bo, 'Tokyo', 'A01_T1', 'back'); // 12: orphaned = 2, against the CHECK constraint
  const db = new Database(join(dir, 'qcode.db'));
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  db.prepare("UPDATE codings SET quote = 'I couldn''t sleep… “at all”' WHERE id = 1").run();
  db.prepare("UPDATE codings SET quote = 'Tokyo 東亰' WHERE id = 3").run();
  db.prepare("UPDATE codings SET quote = CAST(X'6261636B20FF20686F6D652E' AS TEXT) WHERE id = 4").run();
  const length = [...A01_T1].length;
  db.prepare('UPDATE codings SET start = ?, "end" = ? WHERE id = 6').run(length - 3, length + 1);
  db.prepare('UPDATE codings SET orphaned = 1 WHERE id = 7').run();
  db.prepare('UPDATE codings SET code_id = 999 WHERE id = 9').run();
  // C03_T1 moves to revision 2, whose text holds a byte that is not UTF-8; coding 10 follows it.
  db.prepare("UPDATE sources SET current_revision = 2 WHERE name = 'C03_T1'").run();
  db.prepare(`INSERT INTO revisions (source_id, number, hash, length, lines, participant_words, interviewer_words, ingested_at, participant_word_starts, text)
    SELECT source_id, 2, hash, length, lines, participant_words, interviewer_words, ingested_at, participant_word_starts,
           CAST(replace(CAST(text AS BLOB), X'E280A6', X'E280') AS TEXT) FROM revisions WHERE source_id = (SELECT id FROM sources WHERE name = 'C03_T1')`).run();
  db.prepare('UPDATE codings SET revision = 2 WHERE id = 10').run();
  db.prepare('UPDATE codings SET orphaned = 2 WHERE id = 12').run();
  // The codings_code index made to claim another column: its entries no longer match.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX codings_code ON codings(coder_id)' WHERE name = 'codings_code'").run();
  db.close();
  return { dir, ctx };
}

describe('qcode check in parallel', () => {
  it('reports what the serial reference reports, problem for problem', async () => {
    const { ctx } = await plantedProject();
    const serial = checkProject(ctx, { serial: true });
    const parallel = checkProject(ctx);
    expect(parallel).toEqual(serial);
    // The planted problems are all there (so the comparison above compares something).
    expect(serial.codings).toBe(11);
    expect(serial.orphans.map((o) => o.id)).toEqual([7]);
    const kinds = serial.problems.map((p) => p.kind);
    const database = kinds.filter((k) => k === 'database').length;
    expect(database).toBeGreaterThan(0);
    expect(serial.problems[0]!.message).toMatch(/missing from index codings_code/);
    expect(kinds.slice(database)).toEqual(['reference', 'quote', 'quote', 'span', 'quote', 'revision']);
    expect(serial.problems.slice(database + 1).map((p) => p.message.match(/coding #(\d+)/)![1])).toEqual(['1', '3', '6', '10', '11']);
  });

  it('finds a sound project sound, with every coding counted', async () => {
    const { ctx } = await codingProject({ 'A01_T1.txt': A01_T1, 'B02_T1.txt': B02_T1 });
    tag(as(ctx, 'ana'), { codes: ['Sleep'], source: 'A01_T1', selector: { match: 'Grüße — I couldn’t sleep… “at all” 𝔘𝔫𝔦 in the end.' }, createNew: true });
    tag(as(ctx, 'bo'), { codes: ['Plain'], source: 'B02_T1', selector: { match: 'ASCII' }, createNew: true });
    const r = checkProject(ctx);
    expect(r).toEqual(checkProject(ctx, { serial: true }));
    expect(r).toMatchObject({ ok: true, codings: 2, problems: [], orphans: [] });
  });
});
