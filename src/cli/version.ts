import { readFileSync } from 'node:fs';

/** Set by scripts/bundle.mjs in the bundled CLI: the version it was built from. */
declare const QCODE_BUNDLED_VERSION: string | undefined;

/** qcode's version, from its package.json (read at build time in the bundled CLI). */
export function qcodeVersion(): string {
  if (typeof QCODE_BUNDLED_VERSION === 'string') return QCODE_BUNDLED_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
