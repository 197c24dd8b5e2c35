/**
 * Seeds an ingested bench project with a codebook and codings straight through SQLite,
 * deterministically: 25 codes in 5 themes, and for each source `perSource` codings, half
 * by coder ana and half by ben, on halves of participant turns, so that the two coders
 * overlap as double coders do. 1,000 sources × 100 = 100,000 codings.
 *
 *   node bench/seed-codings.mjs bench/work/1000/qcode.db [perSource]
 */
import Database from 'better-sqlite3';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedCodings(dbFile, perSource = 100, seed = 7) {
  const db = new Database(dbFile);
  db.pragma('foreign_keys = ON');
  const rand = mulberry32(seed);
  const now = '2026-01-01T00:00:00.000Z';
  const count = db.transaction(() => {
    const coder = db.prepare('INSERT INTO coders (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id');
    const ana = coder.get('ana', now).id;
    const ben = coder.get('ben', now).id;
    const addCode = db.prepare('INSERT INTO codes (name, name_key, parent_id, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id');
    const codes = [];
    for (let t = 1; t <= 5; t++) {
      const theme = addCode.get(`Theme ${t}`, `theme ${t}`, null, ana, now).id;
      for (let c = 1; c <= 4; c++) codes.push(addCode.get(`Code ${t}.${c}`, `code ${t}.${c}`, theme, ana, now).id);
      codes.push(theme);
    }
    const sources = db.prepare(`
      SELECT s.id, s.current_revision AS revision, r.id AS revisionId, r.text FROM sources s
      JOIN revisions r ON r.source_id = s.id AND r.number = s.current_revision ORDER BY s.id`).all();
    const turns = db.prepare("SELECT talk_start AS start, talk_end AS end FROM turns WHERE revision_id = ? AND role = 'participant' AND talk_end - talk_start > 40 ORDER BY number");
    const insert = db.prepare(`
      INSERT INTO codings (code_id, source_id, coder_id, revision, start, "end", quote, context_before, context_after, weight, orphaned, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)`);
    let n = 0;
    for (const s of sources) {
      // Halves of participant turns, a gap between them so that codings never touch.
      const slots = turns.all(s.revisionId).flatMap((t) => {
        const mid = Math.floor((t.start + t.end) / 2);
        return [{ start: t.start, end: mid }, { start: mid + 1, end: t.end }];
      });
      const half = Math.floor(perSource / 2);
      for (const [coderId, shift] of [[ana, 0], [ben, 5]]) {
        for (let k = 0; k < half && slots.length > 0; k++) {
          const slot = slots[k % slots.length];
          const code = codes[Math.floor(rand() * codes.length)];
          const start = Math.min(slot.end - 1, slot.start + shift);
          const end = slot.end;
          insert.run(code, s.id, coderId, s.revision, start, end, s.text.slice(start, end), s.text.slice(Math.max(0, start - 40), start), s.text.slice(end, end + 40), now, now);
          n++;
        }
      }
    }
    return n;
  })();
  db.close();
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = seedCodings(process.argv[2], Number(process.argv[3] ?? 100));
  process.stdout.write(`seeded ${n} codings\n`);
}
