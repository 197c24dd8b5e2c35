/**
 * Version 6, for exchange with other QDA programs and more transcript formats:
 * - codes.codable: whether a code can be applied (REFI-QDA's `isCodable`: other programs
 *   keep codes that are headings only). Every existing code stays codable.
 * - sources.format also allows 'pdf', 'odt' and 'rtf'. SQLite cannot change a CHECK in
 *   place, so the table is rebuilt from its own stored definition (columns other
 *   versions added are kept), with its indexes and triggers, foreign keys off meanwhile.
 */
import type { Database } from 'better-sqlite3';

const OLD_FORMATS = "CHECK (format IN ('txt', 'md', 'vtt', 'srt', 'docx'))";
const NEW_FORMATS = "CHECK (format IN ('txt', 'md', 'vtt', 'srt', 'docx', 'pdf', 'odt', 'rtf'))";

export function migrateV6(db: Database): void {
  db.exec('ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1))');
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'sources'").get();
  if (table === undefined || !table.sql.includes(OLD_FORMATS)) return;
  // Indexes and triggers of the table, and views and triggers elsewhere that name it, are
  // dropped with it (or would fail the rename) and made again after.
  const extras = db.prepare<[], { type: string; name: string; sql: string }>(`
    SELECT type, name, sql FROM sqlite_schema
    WHERE sql IS NOT NULL AND name <> 'sources' AND (tbl_name = 'sources' OR (type IN ('view', 'trigger') AND sql LIKE '%sources%'))
    ORDER BY type = 'view' DESC`).all();
  for (const e of extras) if (e.type === 'view' || e.type === 'trigger') db.exec(`DROP ${e.type.toUpperCase()} IF EXISTS "${e.name.replace(/"/g, '""')}"`);
  db.exec(table.sql.replace(OLD_FORMATS, NEW_FORMATS).replace(/^CREATE TABLE "?sources"?/, 'CREATE TABLE sources_v6'));
  db.exec('INSERT INTO sources_v6 SELECT * FROM sources');
  db.exec('DROP TABLE sources');
  db.exec('ALTER TABLE sources_v6 RENAME TO sources');
  for (const e of extras) db.exec(e.sql);
}
