/**
 * The report scope reads a few fields per source (SourceRepo.scopeList, from the covering
 * index of schema 7) and each full summary only on demand: both must describe the same
 * current revision as SourceRepo.list(), also after a source gains a revision.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { openProjectDb } from '../../src/db/open.js';
import { put } from '../support/project.js';
import { reportProject, TRANSCRIPTS } from '../support/report-fixture.js';

describe('report scope sources', () => {
  it('match the full source list, before and after a source gains a revision', async () => {
    const f = await reportProject();
    const same = () => withProject(f.ctx, (p) => {
      const full = new Map(p.sources.list().map((s) => [s.rowId, s]));
      const quick = p.sources.scopeList();
      expect(quick.length).toBe(full.size);
      for (const q of quick) {
        const s = full.get(q.rowId)!;
        expect(q).toEqual({ rowId: s.rowId, id: s.id, case: s.case, wave: s.wave, date: s.date, revision: s.revision, participantWords: s.participantWords });
      }
      const scope = loadScope(p);
      for (const s of scope.sources) {
        expect(s.summary).toEqual(full.get(s.rowId));
        expect([s.id, s.case, s.wave, s.date, s.revision, s.participantWords]).toEqual([s.summary.id, s.summary.case, s.summary.wave, s.summary.date, s.summary.revision, s.summary.participantWords]);
      }
      return quick.map((q) => q.revision);
    }, { readonly: true });
    expect(same().every((r) => r === 1)).toBe(true);
    put(f.dir, 'P1_T1.txt', TRANSCRIPTS['P1_T1.txt']!.replace('Sleep is hard', 'Sleep is very hard indeed'));
    await ingest(f.ctx, ['P1_T1.txt'], { namePattern: '{case}_T{wave}' });
    expect(same().filter((r) => r === 2)).toHaveLength(1);
  });

  it('come from the covering index once a project is migrated to schema 7', async () => {
    const f = await reportProject();
    const file = join(f.dir, 'qcode.db');
    const raw = new Database(file);
    // As a version-6 project: without what versions 7 and 8 add.
    raw.exec('DROP INDEX revisions_summary');
    for (const t of ['insert', 'update']) raw.exec(`DROP TRIGGER report_generation_on_${t}`);
    raw.exec('DROP TABLE report_generation; DROP TABLE merged_spans_cache; DROP INDEX coding_spans_revision');
    raw.pragma('user_version = 6');
    raw.close();
    const db = openProjectDb(file);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT r.participant_words FROM sources s JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision`).all() as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join('\n')).toContain('COVERING INDEX revisions_summary');
  });
});
