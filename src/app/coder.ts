/**
 * Coder identity (DESIGN.md, "coder"): `--coder NAME`, else QCODE_CODER, else git's
 * user.name, else the OS user.
 */
import { UsageError } from '../core/errors.js';
import { gitUserName, osUserName } from '../io/identity.js';
import type { AppContext } from './context.js';

export function coderName(ctx: AppContext): string {
  const given = ctx.coder ?? ctx.env.QCODE_CODER;
  if (given !== undefined) {
    const name = given.trim();
    if (name.length === 0) throw new UsageError('the coder name is empty', { hint: 'give --coder NAME or set QCODE_CODER' });
    return name;
  }
  return gitUserName(ctx.cwd) ?? osUserName();
}
