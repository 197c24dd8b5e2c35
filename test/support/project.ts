/** Temp projects for use-case and end-to-end tests. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import type { AppContext } from '../../src/app/context.js';
import { initProject } from '../../src/app/project.js';

const made: string[] = [];
afterEach(() => {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qcode-test-'));
  made.push(dir);
  return dir;
}

/** A temp folder holding a new project; `ctx` points at it with a fixed clock. */
export function newProject(): { dir: string; ctx: AppContext } {
  const dir = tempDir();
  const ctx: AppContext = { cwd: dir, env: {}, now: () => '2026-01-01T00:00:00.000Z' };
  initProject(ctx);
  return { dir, ctx };
}

/** Writes a file under `dir`, creating folders. */
export function put(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Every row of every table, to prove a failed command changed nothing. */
export function dumpDb(dir: string): Record<string, unknown[]> {
  const db = new Database(join(dir, 'qcode.db'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    const out: Record<string, unknown[]> = { user_version: [db.pragma('user_version', { simple: true })] };
    for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}"`).all();
    return out;
  } finally {
    db.close();
  }
}

/** Windows-1252 bytes of a string (for the few characters tests use). */
export function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '€': 0x80 };
  return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}
