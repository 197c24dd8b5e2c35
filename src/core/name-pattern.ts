/**
 * `--name-pattern` (DESIGN.md, "case"): a template such as `{case}_T{wave}` matched
 * against the whole file name without extension. `{case}` and `{wave}` capture; `{*}`
 * matches anything and is ignored. A name that does not match is not an error.
 */
import { UsageError } from './errors.js';

export interface NamePattern {
  readonly template: string;
  match(fileStem: string): { case?: string; wave?: string } | null;
}

const FIELD = /\{([^{}]*)\}/g;

/** Compiles a template; unknown placeholders are a usage error that lists the known ones. */
export function compileNamePattern(template: string): NamePattern {
  let source = '^';
  let last = 0;
  const fields: string[] = [];
  for (const m of template.matchAll(FIELD)) {
    source += escapeRegExp(template.slice(last, m.index));
    const name = m[1]!.trim();
    if (name === 'case' || name === 'wave') {
      if (fields.includes(name)) throw new UsageError(`--name-pattern: {${name}} appears twice in "${template}"`);
      fields.push(name);
      source += `(?<${name}>.+?)`;
    } else if (name === '*') {
      source += '.*?';
    } else {
      throw new UsageError(`--name-pattern: unknown placeholder {${name}} in "${template}"`, {
        hint: 'use {case}, {wave} and {*} (anything), e.g. --name-pattern "{case}_T{wave}"',
      });
    }
    last = m.index + m[0].length;
  }
  source += escapeRegExp(template.slice(last)) + '$';
  if (fields.length === 0) {
    throw new UsageError(`--name-pattern "${template}" reads nothing`, {
      hint: 'put {case} and/or {wave} in it, e.g. --name-pattern "{case}_T{wave}"',
    });
  }
  const re = new RegExp(source, 'u');
  return {
    template,
    match(stem: string) {
      const m = re.exec(stem);
      if (m === null) return null;
      const out: { case?: string; wave?: string } = {};
      if (m.groups?.case !== undefined) out.case = m.groups.case;
      if (m.groups?.wave !== undefined) out.wave = m.groups.wave;
      return out;
    },
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
