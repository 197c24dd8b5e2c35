/**
 * The report index (schema v3) is derived data: whatever changes codings, a source's
 * revision or its word index — qcode or another tool writing SQL — the next report counts
 * the change, and a report that cannot write the index gives the same figures.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { themesReport } from '../../src/app/reports/themes.js';
import { addInterviewerLabels } from '../../src/app/interviewer-labels.js';
import { withProject } from '../../src/app/project.js';
import { loadScope } from '../../src/app/report-scope.js';
import { tag } from '../../src/app/tag.js';
import { whileWriterBusy } from '../support/busy-writer.js';
import { reportProject } from '../support/report-fixture.js';

const figures = (r: ReturnType<typeof themesReport>) => r.rows.map((x) => [x.code, x.references, x.words, x.cases]);

describe('report index', () => {
  it('is built by the first report, one entry per source, and gives the figures of the codings table', async () => {
    const f = await reportProject();
    const before = f.withScope({}, (s) => figures(themesReport(s)));
    const db = new Database(join(f.dir, 'qcode.db'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM coding_spans').get() as { n: number }).n).toBe(6);
    db.close();
    expect(f.withScope({}, (s) => figures(themesReport(s)))).toEqual(before);
  });

  it('leaves qcode.db whole: the index a read-only report builds is not left behind in the WAL file', async () => {
    const f = await reportProject();
    f.withScope({}, (s) => themesReport(s));
    const wal = join(f.dir, 'qcode.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('counts a coding qcode adds after the index was built', async () => {
    const f = await reportProject();
    const workload = () => f.withScope({}, (s) => figures(themesReport(s)).find((x) => x[0] === 'Workload'));
    expect(workload()).toEqual(['Workload', 2, 10, 2]);
    tag({ ...f.ctx, coder: 'ana' }, { codes: ['Workload'], source: 'P1_T2', selector: { match: 'I run to relax.' } });
    expect(workload()).toEqual(['Workload', 3, 14, 3]);
  });

  it('counts codings changed by another tool straight in SQLite', async () => {
    const f = await reportProject();
    const sleep = () => f.withScope({}, (s) => figures(themesReport(s)).find((x) => x[0] === 'Sleep'));
    const first = sleep();
    const db = new Database(join(f.dir, 'qcode.db'));
    db.prepare(`UPDATE codings SET code_id = (SELECT id FROM codes WHERE name = 'Workload')
      WHERE code_id = (SELECT id FROM codes WHERE name = 'Sleep') AND source_id = (SELECT id FROM sources WHERE name = 'P3_T1')`).run();
    db.close();
    expect(sleep()).toEqual(['Sleep', (first![1] as number) - 1, (first![2] as number) - 5, (first![3] as number) - 1]);
  });

  it('counts again when the word index changes (new interviewer labels make other talk participant talk)', async () => {
    const f = await reportProject();
    const support = () => f.withScope({}, (s) => figures(themesReport(s)).find((x) => x[0] === 'Support'));
    // Support covers P1_T1 lines 2–4, interviewer line 3 "And support?" included but not counted.
    expect(support()).toEqual(['Support', 3, 25, 2]);
    withProject(f.ctx, (p) => p.write(() => addInterviewerLabels(p, ['Moderator'], true)));
    // Now every turn is participant talk: "And support?" adds 2 words to P1_T1's span.
    expect(support()![2]).toBe(27);
  });

  it('gives the same figures when the index cannot be written (built in memory for the report)', async () => {
    const f = await reportProject();
    const want = f.withScope({}, (s) => figures(themesReport(s)));
    // Another writer holds the write lock: the report must not wait for it, nor fail.
    const got = whileWriterBusy(f.dir, () => withProject(f.ctx, (p) => figures(themesReport(loadScope(p))), { readonly: true }), (db) => db.exec('DELETE FROM coding_spans'));
    expect(got).toEqual(want);
    const check = new Database(join(f.dir, 'qcode.db'), { readonly: true });
    expect((check.prepare('SELECT count(*) AS n FROM coding_spans').get() as { n: number }).n).toBe(0);
    check.close();
  });
});
