import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tag } from '../../src/app/tag.js';
import { as, codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';

/**
 * A project with a problem of every kind a coding can have, spread over two sources so that
 * the order of the report (by coding id) is not the order of the sources.
 */
async function damagedProject(): Promise<string> {
  const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 });
  const ana = as(ctx, 'ana');
  const t = (code: string, source: string, match: string) => tag(ana, { codes: [code], source, selector: { match }, createNew: true });
  t('Sleep', 'P12_T2', 'I sleep better'); // 1: damaged quote
  t('Night shifts', 'P07_T1', 'The night shifts were the worst.'); // 2: span out of range
  t('Tired', 'P12_T2', 'I felt tired'); // 3: missing revision
  t('Preceptor', 'P07_T1', 'My preceptor.'); // 4: orphaned
  t('Running', 'P07_T1', 'Running, when I can.'); // 5: fine
  t('Calm', 'P12_T2', 'Calmer.'); // 6: on an old revision, and its quote differs too
  const db = new Database(join(dir, 'qcode.db'));
  db.prepare("UPDATE codings SET quote = 'I slept better' WHERE id = 1").run();
  db.prepare('UPDATE codings SET start = 10000, "end" = 10010 WHERE id = 2').run();
  db.prepare('UPDATE codings SET revision = 7 WHERE id = 3').run();
  db.prepare('UPDATE codings SET orphaned = 1 WHERE id = 4').run();
  db.prepare("UPDATE sources SET current_revision = 2 WHERE name = 'P12_T2'").run();
  db.prepare("INSERT INTO revisions (source_id, number, hash, length, lines, participant_words, interviewer_words, ingested_at, participant_word_starts, text) SELECT source_id, 2, hash, length, lines, participant_words, interviewer_words, ingested_at, participant_word_starts, text FROM revisions WHERE number = 1 AND source_id = (SELECT id FROM sources WHERE name = 'P12_T2')").run();
  db.prepare("UPDATE codings SET revision = 2 WHERE id = 1").run();
  db.prepare("UPDATE codings SET quote = 'Calm!' WHERE id = 6").run();
  db.close();
  return dir;
}

describe('qcode check output', () => {
  it('reports every problem and orphan in coding order, as text and as JSON', async () => {
    const dir = await damagedProject();
    const text = await qc(dir, ['check']);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe([
      'checked 6 codings: 5 problem(s), 1 orphaned coding(s)',
      'problem (quote): coding #1 (Sleep, ana, P12_T2): the stored quote differs from the text at 55-69',
      'problem (span): coding #2 (Night shifts, ana, P07_T1): span 10000-10010 is outside the text (388 code points)',
      'problem (revision): coding #3 (Tired, ana, P12_T2) refers to revision 7, which does not exist',
      'problem (revision): coding #6 (Calm, ana, P12_T2) is on revision 1 but the source is at 2; re-ingest the source to re-anchor it',
      'problem (quote): coding #6 (Calm, ana, P12_T2): the stored quote differs from the text at 47-54',
      'orphaned: #4 Preceptor (ana) in P07_T1, revision 1: “My preceptor.” — re-code it with qcode tag, then qcode --coder ana untag --id 4 (as that coder; or add --any-coder)',
      '',
    ].join('\n'));
    const json = JSON.parse((await qc(dir, ['check', '--json'])).stdout);
    expect(json).toEqual({
      ok: false,
      problems: [
        { kind: 'quote', message: 'coding #1 (Sleep, ana, P12_T2): the stored quote differs from the text at 55-69' },
        { kind: 'span', message: 'coding #2 (Night shifts, ana, P07_T1): span 10000-10010 is outside the text (388 code points)' },
        { kind: 'revision', message: 'coding #3 (Tired, ana, P12_T2) refers to revision 7, which does not exist' },
        { kind: 'revision', message: 'coding #6 (Calm, ana, P12_T2) is on revision 1 but the source is at 2; re-ingest the source to re-anchor it' },
        { kind: 'quote', message: 'coding #6 (Calm, ana, P12_T2): the stored quote differs from the text at 47-54' },
      ],
      orphans: [{ id: 4, source: 'P07_T1', code: 'Preceptor', coder: 'ana', revision: 1, quote: 'My preceptor.' }],
      codings: 6,
      emptyCases: [],
    });
  });

  it('finds nothing wrong in a clean project', async () => {
    const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 });
    tag(as(ctx, 'ana'), { codes: ['Sleep'], source: 'P12_T2', selector: { match: 'I sleep better' }, createNew: true });
    expect(await qc(dir, ['check'])).toEqual({ code: 0, stdout: 'checked 1 codings: 0 problem(s), 0 orphaned coding(s)\n', stderr: '' });
  });
});
