import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listCodings, writeCodingsJson, type CodingFilterArgs } from '../../src/app/codings.js';
import { tag } from '../../src/app/tag.js';
import { as, codingProject, P07_T1, P12_T2, qc } from '../support/coding.js';

/** Strings JSON.stringify escapes in every way it has, and the ones it leaves alone. */
const AWKWARD = [
  'say "hi" \\ and \\"', 'tab\there, new\nline, cr\r, ff\f, bs\b, nul\u0000, esc\u001b, us\u001f',
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''), 'del\u007f, nbsp\u00a0, ls\u2028, ps\u2029, bom\ufeff',
  'lone \ud800 high and \udc00 low', 'astral 😀𝔘 and 東京 and …’“”', '</script>', '',
];

/** The reference: what JSON.stringify makes of the listing read row by row. */
function reference(ctx: Parameters<typeof listCodings>[0], f: CodingFilterArgs = {}): string {
  return `${JSON.stringify(listCodings(ctx, f), null, 2)}\n`;
}

function fast(ctx: Parameters<typeof listCodings>[0], f: CodingFilterArgs = {}): string {
  const chunks: Buffer[] = [];
  writeCodingsJson(ctx, f, (c) => chunks.push(Buffer.from(c)));
  return Buffer.concat(chunks).toString('utf8');
}

async function awkwardProject() {
  const { dir, ctx } = await codingProject({ 'P07_T1.txt': P07_T1, 'P12_T2.txt': P12_T2 });
  const ana = as(ctx, 'ana');
  const bo = as(ctx, 'bo');
  const t = (c: typeof ana, code: string, source: string, match: string): void => void tag(c, { codes: [code], source, selector: { match }, createNew: true });
  t(ana, 'Sleep', 'P12_T2', 'I sleep better');
  t(bo, 'Sleep', 'P12_T2', 'Calmer.');
  t(ana, 'Night shifts', 'P07_T1', 'The night shifts were the worst.');
  t(bo, 'Support', 'P07_T1', 'My preceptor.');
  t(ana, 'Running', 'P07_T1', 'Running, when I can.');
  t(bo, 'Tired', 'P12_T2', 'I felt tired');
  t(ana, 'Tired', 'P12_T2', 'alone for weeks');
  t(ana, 'Support', 'P07_T1', 'take your break');
  tag(ana, { codes: ['Sleep'], source: 'P07_T1', selector: { match: 'sleep during the day' }, createNew: true, weight: 40 });
  const db = new Database(join(dir, 'qcode.db'));
  const ids = db.prepare('SELECT id FROM codings ORDER BY id').pluck().all() as number[];
  AWKWARD.forEach((q, i) => db.prepare('UPDATE codings SET quote = ? WHERE id = ?').run(q, ids[i % ids.length]));
  db.prepare("UPDATE codes SET name = 'Night \"shifts\" \\ \u2028\u0007' WHERE name = 'Night shifts'").run();
  db.prepare("UPDATE coders SET name = 'b\u00f6 \"b\"' WHERE name = 'bo'").run();
  db.prepare('UPDATE codings SET orphaned = 1 WHERE id = ?').run(ids[3]);
  db.close();
  return { dir, ctx, ids };
}

describe('codings --json written by SQLite', () => {
  it('gives the bytes JSON.stringify gives, whatever the strings hold', async () => {
    const { ctx } = await awkwardProject();
    const expected = reference(ctx);
    expect(expected).toContain('\\u001b'); // the comparison covers escapes
    expect(expected).toContain('\u2028');
    expect(fast(ctx)).toBe(expected);
  });

  it('gives the same bytes under every filter, and [] when nothing passes', async () => {
    const { ctx } = await awkwardProject();
    const filters: CodingFilterArgs[] = [
      { code: 'Sleep' }, { code: 'Support', coder: 'ana' }, { source: 'P07_T1' }, { case: 'P12' }, { coder: 'ana' },
      { coder: 'nobody' }, { code: 'Tired', source: 'P07_T1' },
    ];
    for (const f of filters) expect(fast(ctx, f), JSON.stringify(f)).toBe(reference(ctx, f));
    expect(fast(ctx, { coder: 'nobody' })).toBe('[]\n');
  });

  it('reads text that is not UTF-8 as JavaScript does, from that row on', async () => {
    const { dir, ctx, ids } = await awkwardProject();
    const db = new Database(join(dir, 'qcode.db'));
    // Bytes a damaged file can hold: a stray continuation byte, a truncated sequence, a surrogate.
    db.prepare("UPDATE codings SET quote = CAST(X'61BF62E282' AS TEXT) WHERE id = ?").run(ids[2]);
    db.prepare("UPDATE codings SET quote = CAST(X'EDA080' AS TEXT) WHERE id = ?").run(ids[6]);
    db.close();
    const expected = reference(ctx);
    expect(expected).toContain('\ufffd');
    expect(fast(ctx)).toBe(expected);
  });

  it('is what qcode codings --json prints', async () => {
    const { dir, ctx } = await awkwardProject();
    const r = await qc(dir, ['codings', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(reference(ctx));
  });
});
