/**
 * Finding and opening a project (DESIGN.md, "project"): `--project PATH`, else
 * `QCODE_PROJECT`, else the working folder and then its parents, like git finds `.git`.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ProjectError } from '../core/errors.js';
import { createProjectDb, openProjectDb, type Db, type OpenOptions } from '../db/open.js';
import { existsOrDenied } from '../db/open-access.js';
import { CaseRepo } from '../db/case-repo.js';
import { SettingsRepo } from '../db/settings-repo.js';
import { SourceRepo } from '../db/source-repo.js';
import { CoderRepo } from '../db/coder-repo.js';
import { CodeRepo } from '../db/code-repo.js';
import { CodingRepo } from '../db/coding-repo.js';
import { CodingSpanRepo } from '../db/coding-span-repo.js';
import { MemoRepo } from '../db/memo-repo.js';
import { MergedCacheRepo } from '../db/merged-cache-repo.js';
import { SessionRepo } from '../db/session-repo.js';
import { explainSqliteError } from '../db/sqlite-errors.js';
import type { AppContext } from './context.js';

export const DB_FILE = 'qcode.db';

const ROLLBACK = Symbol('dry run');

/** An open project: its folder, database and repositories. */
export class Project {
  // Repositories prepare their statements when first used, so that a command pays only
  // for the tables it touches (qcode tag must start fast).
  private repos = new Map<string, unknown>();

  constructor(readonly dir: string, readonly db: Db) {}

  private repo<T>(name: string, make: (db: Db) => T): T {
    let r = this.repos.get(name) as T | undefined;
    if (r === undefined) this.repos.set(name, (r = make(this.db)));
    return r;
  }

  get sources(): SourceRepo { return this.repo('sources', (db) => new SourceRepo(db)); }
  get cases(): CaseRepo { return this.repo('cases', (db) => new CaseRepo(db)); }
  get settings(): SettingsRepo { return this.repo('settings', (db) => new SettingsRepo(db)); }
  get coders(): CoderRepo { return this.repo('coders', (db) => new CoderRepo(db)); }
  get codes(): CodeRepo { return this.repo('codes', (db) => new CodeRepo(db)); }
  get codings(): CodingRepo { return this.repo('codings', (db) => new CodingRepo(db)); }
  get codingSpans(): CodingSpanRepo { return this.repo('codingSpans', (db) => new CodingSpanRepo(db)); }
  get mergedCache(): MergedCacheRepo { return this.repo('mergedCache', (db) => new MergedCacheRepo(db)); }
  get memos(): MemoRepo { return this.repo('memos', (db) => new MemoRepo(db)); }
  get sessions(): SessionRepo { return this.repo('sessions', (db) => new SessionRepo(db)); }

  /** Runs `fn` in one write transaction: all of it lands, or none. */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      throw explainSqliteError(e, join(this.dir, DB_FILE)) ?? e;
    }
  }

  /**
   * Like `write`, but with `dryRun` everything is done and then rolled back: a dry run
   * reports exactly what a real run would do.
   */
  writeOrRollback<T>(fn: () => T, dryRun: boolean): T {
    let result: T | undefined;
    try {
      this.write(() => {
        result = fn();
        if (dryRun) throw ROLLBACK;
      });
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
    return result as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** The database file a context points at, without opening it. */
export function locateProject(ctx: AppContext): string {
  const explicit = ctx.project ?? ctx.env.QCODE_PROJECT;
  if (explicit !== undefined && explicit !== '') {
    const path = resolve(ctx.cwd, explicit);
    const file = isDir(path) ? join(path, DB_FILE) : path;
    if (!existsOrDenied(file)) {
      throw new ProjectError(`no qcode project at ${explicit}`, { code: 'E_NO_PROJECT', hint: `run qcode init --project ${explicit}` });
    }
    return file;
  }
  for (let dir = resolve(ctx.cwd); ; dir = dirname(dir)) {
    const file = join(dir, DB_FILE);
    if (existsOrDenied(file)) return file;
    if (dirname(dir) === dir) break;
  }
  throw new ProjectError('no qcode project here or above; run qcode init', { code: 'E_NO_PROJECT' });
}

/** Opens the project the context points at. */
export function openProject(ctx: AppContext, options: OpenOptions = {}): Project {
  const file = locateProject(ctx);
  return new Project(dirname(file), openProjectDb(file, options));
}

/** Creates a project in `--project DIR` or the working folder. */
export function initProject(ctx: AppContext): { dir: string; file: string } {
  const dir = resolve(ctx.cwd, ctx.project ?? '.');
  if (existsSync(dir) && !isDir(dir)) throw new ProjectError(`${dir} is a file, not a folder`, { code: 'E_NOT_DIR' });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DB_FILE);
  createProjectDb(file).close();
  return { dir, file };
}

/** Runs `fn` on the project and closes it afterwards. */
export function withProject<T>(ctx: AppContext, fn: (p: Project) => T, options: OpenOptions = {}): T {
  const project = openProject(ctx, options);
  try {
    return fn(project);
  } finally {
    project.close();
  }
}

/** How reports open a project: read-only, reading pages through a memory map (db/open.ts). */
export const FOR_REPORT: OpenOptions = { readonly: true, mapped: true };

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
