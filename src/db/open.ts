/**
 * The one way to open a project database: pragmas, identity check, migrations.
 * This folder is the only importer of better-sqlite3.
 */
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { ProjectError } from '../core/errors.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { cannotOpen, READ_ONLY_HINT } from './open-access.js';

/** `PRAGMA application_id` of qcode projects: "QCOD". */
export const APPLICATION_ID = 0x51434f44;

export type { Db };

let addon: object | null | undefined;

/**
 * better-sqlite3's compiled addon, loaded straight from where npm builds it: its default
 * lookup (the `bindings` package) probes a dozen paths and costs ~10 ms of every command's
 * start. Null (the default lookup) when the build is elsewhere.
 */
function nativeBinding(): object | null {
  if (addon === undefined) {
    try {
      const require = createRequire(import.meta.url);
      addon = require(require.resolve('better-sqlite3/build/Release/better_sqlite3.node')) as object;
    } catch {
      addon = null;
    }
  }
  return addon;
}

function connect(file: string | Buffer, options: Database.Options = {}): Db {
  const binding = nativeBinding();
  if (binding !== null) return new Database(file, { ...options, nativeBinding: binding as never });
  // The addon is elsewhere: better-sqlite3's own lookup, from the installed package (the
  // bundled CLI carries a copy of its JavaScript, whose lookup would start from the bundle).
  const Installed = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new Installed(file, options);
}

function configure(db: Db): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (db.name !== ':memory:' && !db.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/**
 * Creates a new project database at `file`, readable by its owner only, at the current
 * schema. Refuses when the file exists.
 */
export function createProjectDb(file: string): Db {
  if (file !== ':memory:') {
    if (existsSync(file)) throw new ProjectError(`a qcode project already exists at ${file}`, { code: 'E_EXISTS', hint: 'use it as it is, or remove qcode.db to start over' });
    // Create the file ourselves so that it is owner-only from its first byte; SQLite
    // gives the -wal and -shm files the same permissions.
    try {
      closeSync(openSync(file, 'wx', 0o600));
      chmodSync(file, 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code;
      throw new ProjectError(`${file}: cannot be created (${why})`, { code: 'E_CREATE', hint: 'choose a folder you can write to' });
    }
  }
  const db = connect(file);
  configure(db);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db);
  return db;
}

/** How a project is opened: read-only, and (read-only only) through memory-mapped reads. */
export interface OpenOptions {
  readonly?: boolean;
  /**
   * Reads pages through a read-only memory map of the file (`PRAGMA mmap_size`) instead of a
   * read call per page: a report reads the same pages in about half the time (1,000 packed
   * blobs of codings: 9 → 4 ms). For reports only: the pages a command touches count in its
   * resident memory, which `check` and `codings --json` keep bounded. SQLite maps the file
   * read-only, so a stray write cannot reach it; pages still in the WAL are read from there.
   */
  mapped?: boolean;
}

/** The most of a project file a mapped connection maps (SQLite maps no more than the file). */
export const MMAP_BYTES = 1 << 30;

/**
 * Runs `fn` with `db` not waiting for another writer (busy_timeout 0: SQLITE_BUSY at once),
 * then waits as before: for writes that are worth doing only if they can be done now.
 */
export function withoutWaiting<T>(db: Db, fn: () => T): T {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

/**
 * Moves everything in the WAL file into qcode.db and empties it: for a short writable
 * connection whose changes a read-only one (which cannot checkpoint) goes on reading.
 */
export function checkpointAll(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Opens an existing project database, migrating it forward when it is older. A read-only
 * open of a project that cannot be written (a read-only folder, where SQLite cannot make
 * its WAL index) reads a private in-memory copy instead.
 */
export function openProjectDb(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = connect(file, { fileMustExist: true, readonly: options.readonly === true });
  } catch (e) {
    throw cannotOpen(file, e);
  }
  try {
    const version = checkProject(db, file);
    if (version < SCHEMA_VERSION && options.readonly === true) {
      // A read-only command on an older project: migrate it once through a writable
      // connection, then carry on read-only.
      db.close();
      migrateOnce(file, version);
      return openProjectDb(file, options);
    }
    configure(db);
    if (version < SCHEMA_VERSION) migrate(db);
    if (options.mapped === true && options.readonly === true) db.pragma(`mmap_size = ${MMAP_BYTES}`);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof ProjectError) throw e;
    const error = cannotOpen(file, e);
    if (options.readonly === true && error.code === 'E_READ_ONLY') return openCopy(file);
    throw error;
  }
}

/** Refuses what is not a qcode project, or one newer than this qcode; returns its schema version. */
function checkProject(db: Db, file: string): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== APPLICATION_ID) throw new ProjectError(`${file} is not a qcode project`, { code: 'E_NOT_QCODE', hint: 'run qcode init in a folder of its own' });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new ProjectError(`${file} was written by a newer qcode (schema ${version}; this qcode knows up to ${SCHEMA_VERSION})`, {
      code: 'E_SCHEMA_NEWER',
      hint: 'upgrade qcode to open this project',
    });
  }
  return version;
}

function migrateOnce(file: string, version: number): void {
  try {
    openProjectDb(file).close();
  } catch (e) {
    if (e instanceof ProjectError && e.code === 'E_READ_ONLY') throw needsUpgrade(file, version, e);
    throw e;
  }
}

function needsUpgrade(file: string, version: number, cause?: unknown): ProjectError {
  return new ProjectError(
    `${file}: permission denied: the project was made by an older qcode (schema ${version}) and must be upgraded to schema ${SCHEMA_VERSION} once, but it is read-only`,
    { code: 'E_READ_ONLY', hint: `open it once where it can be written; ${READ_ONLY_HINT}`, cause },
  );
}

/**
 * A read-only in-memory copy of a project that cannot be written. Changes still in the
 * WAL file would be missing from the copy, so a non-empty `-wal` is refused.
 */
function openCopy(file: string): Db {
  const wal = sizeOrZero(`${file}-wal`);
  if (wal > 0) {
    throw new ProjectError(`${file}: permission denied: the project is read-only and qcode.db-wal holds changes not yet in qcode.db`, {
      code: 'E_READ_ONLY',
      hint: 'run any qcode command once where the project can be written, then read it here',
    });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw cannotOpen(file, e);
  }
  // Header bytes 18–19 say 2 for a WAL database (https://www.sqlite.org/fileformat.html,
  // "file format version numbers"); an in-memory copy cannot use a WAL, so it is read as
  // a rollback-journal database, which its pages are.
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  const db = connect(bytes, { readonly: true });
  try {
    const version = checkProject(db, file);
    if (version < SCHEMA_VERSION) throw needsUpgrade(file, version);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** An in-memory project at the current schema, for tests and dry runs. */
export function memoryDb(): Db {
  return createProjectDb(':memory:');
}
