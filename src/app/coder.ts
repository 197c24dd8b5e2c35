/**
 * Coder identity (DESIGN.md, "coder"): `--coder NAME`, else QCODE_CODER, else git's
 * user.name, else the OS user. A name taken from a fallback is announced once per
 * project, so that nobody codes for weeks under a name they did not choose.
 */
import { UsageError } from '../core/errors.js';
import { gitUserName, osUserName } from '../io/identity.js';
import type { AppContext } from './context.js';
import type { Project } from './project.js';

/** Where the coder's name came from. */
export type CoderOrigin = '--coder' | 'QCODE_CODER' | 'git user.name' | 'OS user';

export interface CoderIdentity {
  coder: string;
  from: CoderOrigin;
  /** True when the name came from git or the OS, not from the user's own choice. */
  fallback: boolean;
}

export function coderIdentity(ctx: AppContext): CoderIdentity {
  const given = ctx.coder ?? ctx.env.QCODE_CODER;
  if (given !== undefined) {
    const name = given.trim();
    if (name.length === 0) throw new UsageError('the coder name is empty', { hint: 'give --coder NAME or set QCODE_CODER' });
    return { coder: name, from: ctx.coder !== undefined ? '--coder' : 'QCODE_CODER', fallback: false };
  }
  const git = gitUserName(ctx.cwd);
  if (git !== undefined) return { coder: git, from: 'git user.name', fallback: true };
  return { coder: osUserName(), from: 'OS user', fallback: true };
}

export function coderName(ctx: AppContext): string {
  return coderIdentity(ctx).coder;
}

const NOTICED = 'coder_fallback_noticed';

/**
 * The acting coder's id in this project (created on first use, inside the caller's
 * transaction). The first time a fallback name acts in a project, `ctx.onNotice` hears so.
 */
export function actingCoderId(ctx: AppContext, project: Project, identity: CoderIdentity, now: string): number {
  if (identity.fallback) {
    const key = `${identity.from}:${identity.coder}`;
    const noticed = project.settings.get<string[]>(NOTICED) ?? [];
    if (!noticed.includes(key)) {
      project.settings.set(NOTICED, [...noticed, key]);
      ctx.onNotice?.(`coding as "${identity.coder}", taken from ${identity.from === 'git user.name' ? "git's user.name" : 'your user name on this computer'}; ` +
        'to choose the name, set QCODE_CODER or give --coder NAME (qcode whoami shows it; this is said once per project)');
    }
  }
  return project.coders.ensure(identity.coder, now);
}
