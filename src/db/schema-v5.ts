/**
 * Version 5: the codebook history also records `untag` — a coder removing, trimming or
 * splitting another coder's coding (`--any-coder`), with both names, the span and the
 * quote. SQLite cannot change a CHECK in place, so the table is rebuilt from its own
 * stored definition (columns other versions added are kept) with its rows.
 */
import type { Database } from 'better-sqlite3';

const OLD_ACTIONS = "'import', 'adopt')";
const NEW_ACTIONS = "'import', 'adopt', 'untag')";

export function migrateV5(db: Database): void {
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'codebook_history'").get();
  if (table === undefined || table.sql.includes("'untag'") || !table.sql.includes(OLD_ACTIONS)) return;
  const extras = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND type IN ('index', 'trigger') AND tbl_name = 'codebook_history'").all();
  db.exec(table.sql.replace(OLD_ACTIONS, NEW_ACTIONS).replace(/^CREATE TABLE "?codebook_history"?/, 'CREATE TABLE codebook_history_v5'));
  db.exec('INSERT INTO codebook_history_v5 SELECT * FROM codebook_history');
  db.exec('DROP TABLE codebook_history');
  db.exec('ALTER TABLE codebook_history_v5 RENAME TO codebook_history');
  for (const e of extras) db.exec(e.sql);
}
