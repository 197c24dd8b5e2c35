import { readFileSync } from 'node:fs';

/** qcode's version, from its package.json. */
export function qcodeVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
