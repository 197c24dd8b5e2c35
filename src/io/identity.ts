/**
 * Who is at the keyboard, for coder identity: git's user.name, else the OS user.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

/** git's `user.name` as seen from `cwd`, or undefined when git or the setting is absent. */
export function gitUserName(cwd: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    return name.length > 0 ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The operating-system user name. */
export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
