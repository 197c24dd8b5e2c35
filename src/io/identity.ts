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
  } catch (e) {
    // git missing, the setting absent (exit 1), a timeout or a refusal: no name from git.
    // Anything else is a fault of qcode's own, which must not pass for "no git".
    if (isCommandFailure(e)) return undefined;
    throw e;
  }
}

/** An error execFileSync raises about the command it ran (errno code, exit status or signal). */
function isCommandFailure(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const x = e as Error & { code?: unknown; status?: unknown; signal?: unknown };
  return typeof x.code === 'string' || typeof x.status === 'number' || typeof x.signal === 'string';
}

/** The operating-system user name. */
export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
