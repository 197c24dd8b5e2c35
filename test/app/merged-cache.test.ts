/**
 * The merged-spans cache (schema v8) is derived data: a report reads a kept merge only when
 * it was made for the same sources, coders and code tree at the report index's current
 * generation, and gives the figures of a merge made anew in every other case.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { codebookMove } from '../../src/app/codebook.js';
import { withProject } from '../../src/app/project.js';
import { loadScope, type ReportScope } from '../../src/app/report-scope.js';
import { codebookReport } from '../../src/app/reports/codebook-report.js';
import { cooccurrenceReport } from '../../src/app/reports/cooccurrence.js';
import { frameworkReport } from '../../src/app/reports/framework.js';
import { matrixReport } from '../../src/app/reports/matrix.js';
import { trajectoryReport } from '../../src/app/reports/trajectory.js';
import { themesReport } from '../../src/app/reports/themes.js';
import { tag } from '../../src/app/tag.js';
import { untag } from '../../src/app/untag.js';
import { decodeMerged, encodeMerged } from '../../src/core/merged-spans-blob.js';
import { mergedSpansByCode, unionOfSpans } from '../../src/core/merged-spans.js';
import { KEPT_MERGES } from '../../src/db/merged-cache-repo.js';
import { whileWriterBusy } from '../support/busy-writer.js';
import { reportProject, type ReportFixture } from '../support/report-fixture.js';

type Row = [string, number, number, number];
const figures = (r: ReturnType<typeof themesReport>): Row[] => r.rows.map((x) => [x.code, x.references, x.words, x.cases]);

function sql<T>(f: ReportFixture, fn: (db: Database.Database) => T): T {
  const db = new Database(join(f.dir, 'qcode.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const keptRows = (f: ReportFixture): number => sql(f, (db) => db.prepare('SELECT count(*) FROM merged_spans_cache').pluck().get() as number);

/** The scope with everything it would read from a kept merge made anew from its packed codings instead. */
function anew(s: ReportScope): ReportScope {
  const merged = mergedSpansByCode(s.codes, s.packed);
  const everyCode = unionOfSpans(s.codes.filter((c) => c.parentId === null).map((c) => merged.get(c.id)!));
  return Object.create(s, { merged: { value: merged }, mergedFigures: { value: merged }, everyCode: { value: everyCode }, codeOverlaps: { value: null } }) as ReportScope;
}

/** Themes figures with the scope's merge made anew, the cache not consulted. */
function uncached(f: ReportFixture, filters: Parameters<ReportFixture['withScope']>[0] = {}): Row[] {
  return f.withScope(filters, (s) => figures(themesReport(anew(s))));
}

const themes = (f: ReportFixture, filters: Parameters<ReportFixture['withScope']>[0] = {}): Row[] => f.withScope(filters, (s) => figures(themesReport(s)));

describe('merged-spans cache', () => {
  it('is kept by the first report and read by the next (a kept merge changed by hand shows)', async () => {
    const f = await reportProject();
    const want = uncached(f);
    expect(themes(f)).toEqual(want);
    expect(keptRows(f)).toBe(1);
    // Add 100 words to Sleep's first source in the kept merge: the next report must count them.
    sql(f, (db) => {
      const sleep = db.prepare("SELECT id FROM codes WHERE name = 'Sleep'").pluck().get() as number;
      const row = db.prepare('SELECT id, figures FROM merged_spans_cache').get() as { id: number; figures: Buffer };
      const figures = new Int32Array(new Uint8Array(row.figures).buffer);
      decodeMerged(figures, null).get(sleep)!.wordsBySource[0]! += 100;
      db.prepare('UPDATE merged_spans_cache SET figures = ? WHERE id = ?').run(Buffer.from(figures.buffer), row.id);
    });
    const sleep = (rows: Row[]) => rows.find((r) => r[0] === 'Sleep')!;
    expect(sleep(themes(f))[2]).toBe(sleep(want)[2] + 100);
  });

  it('is not read once a coding changes: the figures count the change', async () => {
    const f = await reportProject();
    const workload = () => themes(f).find((x) => x[0] === 'Workload');
    expect(workload()).toEqual(['Workload', 2, 10, 2]);
    const added = tag({ ...f.ctx, coder: 'ana' }, { codes: ['Workload'], source: 'P1_T2', selector: { match: 'I run to relax.' } });
    // A report that reads only the codings (as agreement does) rebuilds the index first: the
    // index is whole again, at a later generation than the kept merge.
    f.withScope({}, (s) => s.packed);
    expect(keptRows(f)).toBe(1);
    expect(workload()).toEqual(['Workload', 3, 14, 3]);
    untag({ ...f.ctx, coder: 'ana' }, { id: added.codings[0]!.id });
    expect(workload()).toEqual(['Workload', 2, 10, 2]);
    expect(themes(f)).toEqual(uncached(f));
    expect(keptRows(f)).toBe(1); // the stale merges were dropped
  });

  it('is not read once the code tree changes, though no coding did', async () => {
    const f = await reportProject();
    const wellBeing = () => themes(f).find((x) => x[0] === 'Well-being');
    const before = wellBeing()!;
    codebookMove({ ...f.ctx, coder: 'ana' }, 'Sleep', null);
    expect(wellBeing()).not.toEqual(before);
    expect(themes(f)).toEqual(uncached(f));
  });

  it('keeps a merge per scope: each coder and wave filter gets its own figures', async () => {
    const f = await reportProject();
    const scopes = [{}, { coders: ['ana'] }, { coders: ['bo'] }, { waves: ['1'] }, { waves: ['2'], coders: ['bo'] }];
    const want = scopes.map((s) => uncached(f, s));
    for (let round = 0; round < 2; round++) expect(scopes.map((s) => themes(f, s))).toEqual(want);
    expect(new Set(want.map((w) => JSON.stringify(w))).size).toBe(scopes.length);
    expect(keptRows(f)).toBe(KEPT_MERGES);
  });

  it('says which coders are in scope from a kept merge as from the codings', async () => {
    const f = await reportProject();
    const coders = () => f.withScope({}, (s) => s.coders);
    expect(coders()).toEqual(['ana', 'bo']);
    expect(keptRows(f)).toBe(0);
    f.withScope({}, (s) => s.merged);
    expect(keptRows(f)).toBe(1);
    expect(coders()).toEqual(['ana', 'bo']);
  });

  it('gives the same figures where a merge cannot be kept (another writer busy), and keeps nothing', async () => {
    const f = await reportProject();
    const want = uncached(f);
    expect(whileWriterBusy(f.dir, () => withProject(f.ctx, (p) => figures(themesReport(loadScope(p))), { readonly: true }))).toEqual(want);
    expect(keptRows(f)).toBe(0);
  });

  it('does not wait for a busy writer on a writable connection either (the API default)', async () => {
    const f = await reportProject();
    const want = uncached(f);
    f.withScope({}, (s) => s.packed); // the index whole, so only keeping the merge needs to write
    const started = Date.now();
    expect(whileWriterBusy(f.dir, () => withProject(f.ctx, (p) => figures(themesReport(loadScope(p)))))).toEqual(want);
    expect(Date.now() - started).toBeLessThan(4000); // busy_timeout is 5 s
    expect(keptRows(f)).toBe(0);
    expect(themes(f)).toEqual(want);
    expect(keptRows(f)).toBe(1);
  });

  it('is made anew when a kept merge is not whole', async () => {
    const f = await reportProject();
    const want = themes(f);
    sql(f, (db) => db.prepare('UPDATE merged_spans_cache SET figures = ?').run(Buffer.from(new Int32Array([5, 1, 2]).buffer)));
    expect(themes(f)).toEqual(want);
  });

  it('is read without its spans by the reports that count (matrix, trajectory): spans cut short do not reach them', async () => {
    const f = await reportProject();
    const counted = () => f.withScope({}, (s) => JSON.stringify([matrixReport(s, { by: 'wave', measure: 'words' }), trajectoryReport(s)]));
    const want = counted();
    const quoted = themes(f);
    sql(f, (db) => db.prepare("UPDATE merged_spans_cache SET spans = x'00000000'").run());
    expect(counted()).toBe(want);
    // A report that needs the spans finds them not whole and merges anew.
    expect(themes(f)).toEqual(quoted);
    expect(f.withScope({}, (s) => themesReport(s, { quotes: 1 }).rows.map((r) => r.quotes))).toEqual(
      f.withScope({}, (s) => themesReport(anew(s), { quotes: 1 }).rows.map((r) => r.quotes)),
    );
  });

  it('serves matrix totals (the union of every code) as the merge made anew does', async () => {
    const f = await reportProject();
    for (const measure of ['references', 'words', 'cases'] as const) {
      const matrix = () => f.withScope({}, (s) => JSON.stringify(matrixReport(s, { by: 'wave', measure })));
      const want = f.withScope({}, (s) => JSON.stringify(matrixReport(anew(s), { by: 'wave', measure })));
      expect(matrix()).toBe(want);
      expect(keptRows(f)).toBe(1);
      expect(matrix()).toBe(want);
    }
    // Every code's union: a passage coded twice counts once (Well-being and its Sleep and Stress overlap in P1_T1).
    const totals = f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'references' }).totals.total);
    const rows = f.withScope({}, (s) => matrixReport(s, { by: 'wave', measure: 'references' }).rows.filter((r) => r.depth === 0).reduce((n, r) => n + r.total, 0));
    expect(totals).toBeLessThan(rows);
  });
});

describe('every report that merges', () => {
  const kinds: [string, (s: ReportScope) => unknown][] = [
    ['themes', (s) => themesReport(s, { quotes: 2 })],
    ['matrix by case', (s) => matrixReport(s, { by: 'case', measure: 'coverage' })],
    ['matrix by source', (s) => matrixReport(s, { by: 'source' })],
    ['cooccurrence', (s) => cooccurrenceReport(s)],
    ['cooccurrence within turn', (s) => cooccurrenceReport(s, { within: 'turn' })],
    ['trajectory', (s) => trajectoryReport(s)],
    ['framework', (s) => frameworkReport(s)],
    ['codebook', (s) => codebookReport(s)],
  ];
  it('gives, from a kept merge, what it gives from a merge made anew, in every scope', async () => {
    const f = await reportProject();
    for (const filters of [{}, { coders: ['bo'] }, { waves: ['2'] }, { codes: ['Well-being'] }]) {
      for (const [kind, report] of kinds) {
        const want = JSON.stringify(f.withScope(filters, (s) => report(anew(s))));
        expect(JSON.stringify(f.withScope(filters, (s) => report(s))), `${kind} ${JSON.stringify(filters)}`).toBe(want);
        expect(keptRows(f)).toBeGreaterThan(0);
        expect(JSON.stringify(f.withScope(filters, (s) => report(s))), `${kind} ${JSON.stringify(filters)}, kept`).toBe(want);
      }
    }
  });
});

describe('overlap counts kept with a merge', () => {
  const keptOverlaps = (f: ReportFixture): Buffer | null => sql(f, (db) => db.prepare('SELECT overlaps FROM merged_spans_cache').pluck().get() as Buffer | null);
  const pairs = (f: ReportFixture) => f.withScope({}, (s) => cooccurrenceReport(s).pairs.map((p) => [p.a, p.b, p.count, p.countA, p.countB]));
  /** Doubles every count kept: a report that reads them shows it. */
  const doubleKept = (f: ReportFixture): void => sql(f, (db) => {
    const kept = new Int32Array(new Uint8Array(db.prepare('SELECT overlaps FROM merged_spans_cache').pluck().get() as Buffer).buffer);
    for (let k = 1; k < kept.length; k++) kept[k]! *= 2;
    db.prepare('UPDATE merged_spans_cache SET overlaps = ?').run(Buffer.from(kept.buffer));
  });

  it('are kept by the first co-occurrence report, read by the next, and made again once a coding changes', async () => {
    const f = await reportProject();
    themes(f);
    expect(keptOverlaps(f)).toBeNull();
    const first = pairs(f);
    expect(first.some((p) => (p[2] as number) > 0)).toBe(true);
    expect(keptOverlaps(f)).not.toBeNull();
    expect(pairs(f)).toEqual(first);
    doubleKept(f);
    expect(pairs(f)).not.toEqual(first);
    tag({ ...f.ctx, coder: 'ana' }, { codes: ['Workload'], source: 'P1_T1', selector: { match: 'Sleep is hard after nights.' } });
    const swept = f.withScope({}, (s) => cooccurrenceReport(anew(s)).pairs.map((p) => [p.a, p.b, p.count, p.countA, p.countB]));
    expect(pairs(f)).toEqual(swept);
    expect(swept).not.toEqual(first);
    expect(pairs(f)).toEqual(swept);
  });

  it('are not what a report of some codes reads: it sweeps just those', async () => {
    const f = await reportProject();
    const some = () => f.withScope({ codes: ['Well-being', 'Workload'] }, (s) => JSON.stringify(cooccurrenceReport(s)));
    const want = some();
    pairs(f);
    doubleKept(f);
    expect(some()).toBe(want);
  });
});

describe('merged spans as integers', () => {
  it('decode what they encode, for every code, empty ones included', async () => {
    const f = await reportProject();
    f.withScope({}, (s) => {
      const merged = mergedSpansByCode(s.codes, s.packed);
      const e = encodeMerged(merged);
      const back = decodeMerged(e.figures, e.spans);
      expect([...back.keys()]).toEqual([...merged.keys()]);
      for (const [id, cs] of merged) {
        const b = back.get(id)!;
        expect([...b.entries()]).toEqual([...cs.entries()]);
        expect([...b.wordsBySource]).toEqual([...cs.wordsBySource]);
        expect(b.totalWords).toBe(cs.totalWords);
        expect(b.totalWords).toBeGreaterThan(0);
      }
      expect([...merged.values()].every((cs) => cs.size > 0)).toBe(true);
    });
    f.withScope({ waves: ['2'], coders: ['bo'] }, (s) => {
      const merged = mergedSpansByCode(s.codes, s.packed);
      const e = encodeMerged(merged);
      const back = decodeMerged(e.figures, e.spans);
      expect([...back].map(([id, cs]) => [id, [...cs.entries()]])).toEqual([...merged].map(([id, cs]) => [id, [...cs.entries()]]));
      expect([...merged.values()].filter((cs) => cs.size === 0).length).toBeGreaterThan(0);
    });
  });

  it('refuse an array that is not a whole encoding', () => {
    for (const bad of [[5, 1, 2], [1, 7, 1, 4], [1, 7, -1, 0], [-1], [1, 7, 1, 4, 0, 0, 1, 2, 0, 0, 0, 2, 9]]) {
      expect(() => decodeMerged(Int32Array.from(bad), null)).toThrow(/merged spans/);
    }
    // Whole figures with spans of another length.
    const figures = Int32Array.from([1, 7, 1, 4, 0, 0, 1, 2]);
    expect(decodeMerged(figures, null).get(7)!.totalWords).toBe(2);
    expect(() => decodeMerged(figures, null).get(7)!.data).toThrow(/figures only/);
    expect(decodeMerged(figures, Int32Array.from([0, 5, 0, 2])).get(7)!.spanCount).toBe(1);
    expect(() => decodeMerged(figures, Int32Array.from([0, 5, 0]))).toThrow(/merged spans/);
  });
});
