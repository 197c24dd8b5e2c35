/**
 * Permission problems (issue 8): a project that cannot be read says "permission denied"
 * with the path, and a read-only project can still be read. Permission bits do not stop
 * root, so as root these run qcode as `nobody` through setpriv, and are skipped (visibly)
 * when that is not possible. The error mapping itself is tested below without any of that.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:fs';
import Database from 'better-sqlite3';
import { ingest } from '../../src/app/ingest.js';
import { accessProblem, cannotOpen } from '../../src/db/open-access.js';
import { BIN } from '../support/cli.js';
import { newProject, put, tempDir } from '../support/project.js';

const root = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const canDropRoot = !root || setpriv !== undefined;
const NOBODY = 65534;

/** Runs bin/qcode.js as an unprivileged user (nobody when we are root). */
function qcodeAsUser(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const node = [process.execPath, BIN, ...argv];
  const [cmd, ...args] = root ? [setpriv!, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
  const r = spawnSync(cmd!, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: cwd } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A project with one source, owned by the user qcodeAsUser runs as. */
async function projectForUser(): Promise<string> {
  const { dir, ctx } = newProject();
  put(dir, 'P1.txt', 'Interviewer: How was it?\nParticipant: Fine, mostly.\n');
  await ingest(ctx, ['P1.txt']);
  if (root) for (const p of [dir, join(dir, 'qcode.db'), join(dir, 'P1.txt')]) chownSync(p, NOBODY, NOBODY);
  return dir;
}

describe.skipIf(!canDropRoot)(`permissions, for real${canDropRoot ? '' : ' (skipped: running as root without setpriv to drop privileges)'}`, () => {
  it('reads a read-only project (folder and file), and refuses to write it with "permission denied"', async () => {
    const dir = await projectForUser();
    chmodSync(join(dir, 'qcode.db'), 0o444);
    chmodSync(dir, 0o555);
    try {
      const sources = qcodeAsUser(['sources', '--json'], dir);
      expect(sources.stderr).toBe('');
      expect(JSON.parse(sources.stdout).map((s: { id: string }) => s.id)).toEqual(['P1']);
      expect(qcodeAsUser(['show', 'P1'], dir).stdout).toContain('Participant: Fine, mostly.');
      expect(qcodeAsUser(['report', 'themes', '--json'], dir).code).toBe(0);
      const tag = qcodeAsUser(['tag', 'Work', 'P1', '--lines', '2', '--new'], dir);
      expect(tag.code).toBe(2);
      expect(tag.stderr).toMatch(/^qcode: \S+qcode\.db: permission denied: the project is read-only/);
      expect(tag.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('refuses clearly to read a read-only project that needs an upgrade first', async () => {
    const dir = await projectForUser();
    const db = new Database(join(dir, 'qcode.db'));
    db.pragma('user_version = 1'); // as if made by an older qcode
    db.close();
    chmodSync(dir, 0o555);
    try {
      const r = qcodeAsUser(['sources'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^qcode: \S+qcode\.db: permission denied: the project was made by an older qcode \(schema 1\) and must be upgraded/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('says "permission denied" when init cannot create the project', () => {
    const dir = tempDir();
    if (root) chownSync(dir, NOBODY, NOBODY);
    chmodSync(dir, 0o555);
    try {
      const r = qcodeAsUser(['init'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`qcode: ${join(dir, 'qcode.db')}: cannot be created (permission denied) (choose a folder you can write to)\n`);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('says "permission denied" for a project folder or file it cannot read, not "no qcode project"', async () => {
    const dir = await projectForUser();
    chmodSync(dir, 0o000);
    try {
      const r = qcodeAsUser(['sources', '--project', dir], '/');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`qcode: ${dir}: permission denied: cannot look into this folder for qcode.db (check the folder permissions (qcode needs to read and enter it))\n`);
    } finally {
      chmodSync(dir, 0o755);
    }
    chmodSync(join(dir, 'qcode.db'), 0o000);
    const r = qcodeAsUser(['sources'], dir);
    expect(r.stderr).toMatch(/^qcode: \S+qcode\.db: permission denied: qcode\.db cannot be read/);
  });
});

describe('permission errors, mapped', () => {
  const denyIf = (bad: (path: string, mode: number) => boolean) => (path: string, mode: number): void => {
    if (bad(path, mode)) throw Object.assign(new Error('denied'), { code: 'EACCES' });
  };
  it('names an unreadable file or folder, and a read-only one, by path', () => {
    expect(accessProblem('/p/qcode.db', denyIf((_, m) => m === constants.R_OK))).toBe('unreadable');
    expect(accessProblem('/p/qcode.db', denyIf((p, m) => p === '/p' && m === constants.X_OK))).toBe('unreadable');
    expect(accessProblem('/p/qcode.db', denyIf((p, m) => p === '/p' && m === constants.W_OK))).toBe('read-only');
    expect(accessProblem('/p/qcode.db', denyIf(() => false))).toBeNull();
    const sqlite = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    expect(cannotOpen('/p/qcode.db', sqlite, 'read-only')).toMatchObject({ code: 'E_READ_ONLY', message: '/p/qcode.db: permission denied: the project is read-only (qcode.db or its folder cannot be written); nothing was written' });
    expect(cannotOpen('/p/qcode.db', sqlite, 'unreadable').message).toBe('/p/qcode.db: permission denied: qcode.db cannot be read');
    expect(cannotOpen('/p/qcode.db', sqlite, null).message).toBe('cannot open /p/qcode.db: unable to open database file');
  });
});
