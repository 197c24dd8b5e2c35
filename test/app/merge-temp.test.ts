/** A killed merge leaves a copy of the other project in the temp folder; the next merge removes it. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeProject } from '../../src/app/merge-projects.js';
import { makeMergeTemp, removeStaleMergeTemps } from '../../src/io/merge-temp.js';
import { newProject, put, tempDir } from '../support/project.js';

/** The pid of a process that has run and exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('stale merge copies', () => {
  it('removes the copies of dead processes only', () => {
    const root = tempDir();
    const dead = put(root, `qcode-merge-${deadPid()}-abc123/qcode.db`, 'copy of a project');
    const mine = makeMergeTemp(root);
    const parent = put(root, `qcode-merge-${process.ppid}-def456/qcode.db`, 'a running merge');
    const other = put(root, 'qcode-merge-xyz/qcode.db', 'made by an older qcode: owner unknown');
    put(root, 'unrelated-1/file', 'not ours');
    expect(removeStaleMergeTemps(root)).toEqual([join(root, dead.split('/').at(-2)!)]);
    expect([existsSync(dead), existsSync(mine), existsSync(parent), existsSync(other)]).toEqual([false, true, true, true]);
    expect(mine).toMatch(new RegExp(`qcode-merge-${process.pid}-`));
  });

  it('are removed by the next merge, which leaves none of its own', () => {
    const { ctx } = newProject();
    const { dir: otherDir } = newProject();
    const tmp = tempDir();
    const stale = put(tmp, `qcode-merge-${deadPid()}-zzz999/qcode.db`, 'left by kill -9');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      mergeProject(ctx, otherDir);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
