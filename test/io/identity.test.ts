import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitUserName } from '../../src/io/identity.js';
import { tempDir } from '../support/project.js';

describe('gitUserName', () => {
  it('is undefined when git cannot answer, not an error', () => {
    // A folder that does not exist: git cannot even start there.
    expect(gitUserName(join(tempDir(), 'no', 'such', 'folder'))).toBeUndefined();
  });

  it.skipIf(spawnSync('git', ['--version']).status !== 0)('is undefined when user.name is not set', () => {
    const dir = tempDir();
    const saved = { ...process.env };
    try {
      process.env.HOME = dir;
      process.env.GIT_CONFIG_GLOBAL = join(dir, 'empty-gitconfig');
      process.env.GIT_CONFIG_NOSYSTEM = '1';
      expect(gitUserName(dir)).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
