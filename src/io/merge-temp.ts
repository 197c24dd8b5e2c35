/**
 * The temporary folder `merge` copies the other project into. Its name carries the pid
 * of the qcode that made it, so that a copy left behind by a killed merge (a full copy
 * of someone's project) is removed by the next merge, and only once its owner is dead.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'qcode-merge-';
const OWNED = /^qcode-merge-(\d+)-/;

/** A new temporary folder for this process's merge copy. */
export function makeMergeTemp(root = tmpdir()): string {
  return mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
}

/** Removes merge copies whose owning process is no longer running; returns their paths. */
export function removeStaleMergeTemps(root = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(OWNED.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || isRunning(pid)) continue;
    const path = join(root, name);
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Someone else's, or already gone: not ours to insist on.
    }
  }
  return removed;
}

/** Whether a process with this pid exists (signal 0 only checks; EPERM means it exists, owned by another user). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
