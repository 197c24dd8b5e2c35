/**
 * Schema migrations, ordered steps on `PRAGMA user_version`. Each step and its version
 * bump run in one transaction, so a project is always at exactly one version.
 */
import type { Database } from 'better-sqlite3';
import { SCHEMA_V1 } from './schema-v1.js';
import { SCHEMA_V2 } from './schema-v2.js';
import { SCHEMA_V3 } from './schema-v3.js';
import { migrateV5 } from './schema-v5.js';
import { migrateV6 } from './schema-v6.js';
import { SCHEMA_V7 } from './schema-v7.js';
import { SCHEMA_V8 } from './schema-v8.js';

export interface Migration {
  version: number;
  description: string;
  /** The step as SQL, or as a function for steps SQL alone cannot express. */
  sql: string | ((db: Database) => void);
  /** A step that rebuilds a table others refer to runs with foreign keys off, checked after. */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'sources, revisions, turns, cases and their attributes', sql: SCHEMA_V1 },
  { version: 2, description: 'codebook, codings, coders, memos, codebook history, coding sessions', sql: SCHEMA_V2 },
  { version: 3, description: 'report index: per source, the placed codings packed for reports', sql: SCHEMA_V3 },
  { version: 5, description: "the codebook history records untag of another coder's codings", sql: migrateV5 },
  { version: 6, description: 'codes that are headings only (REFI-QDA isCodable); PDF, ODT and RTF sources', sql: migrateV6, rebuildsTables: true },
  { version: 7, description: 'a covering index of the revision fields listings read', sql: SCHEMA_V7 },
  { version: 8, description: 'the merged-spans cache of reports, and the report index generation it is valid for', sql: SCHEMA_V8 },
];

/** The schema version this qcode writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings `db` from its version to SCHEMA_VERSION; returns the steps applied. */
export function migrate(db: Database): number[] {
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current >= m.version) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.rebuildsTables === true && foreignKeys === 1) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (typeof m.sql === 'string') db.exec(m.sql);
        else m.sql(db);
        if (m.rebuildsTables === true && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`migration ${m.version} broke a reference`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables === true && foreignKeys === 1) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
