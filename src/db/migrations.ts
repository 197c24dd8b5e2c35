/**
 * Schema migrations, ordered steps on `PRAGMA user_version`. Each step and its version
 * bump run in one transaction, so a project is always at exactly one version.
 */
import type { Database } from 'better-sqlite3';
import { SCHEMA_V1 } from './schema-v1.js';
import { SCHEMA_V2 } from './schema-v2.js';
import { SCHEMA_V6 } from './schema-v6.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'sources, revisions, turns, cases and their attributes', sql: SCHEMA_V1 },
  { version: 2, description: 'codebook, codings, coders, memos, codebook history, coding sessions', sql: SCHEMA_V2 },
  { version: 6, description: 'codes that are headings only (REFI-QDA isCodable)', sql: SCHEMA_V6 },
];

/** The schema version this qcode writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings `db` from its version to SCHEMA_VERSION; returns the steps applied. */
export function migrate(db: Database): number[] {
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current >= m.version) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
