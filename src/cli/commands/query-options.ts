/**
 * Options every text query takes: the report filters (--wave, --where, --sources, --coder),
 * --speaker, --language, and the listing formats with --out.
 */
import { Option, type Command } from 'commander';
import type { TextQueryOptions } from '../../app/text-scope.js';
import { UsageError } from '../../core/errors.js';
import { LISTING_FORMATS, withOutputOptions, type OutputFlags } from '../output.js';

export interface QueryFlags extends OutputFlags {
  wave?: string;
  where?: string[];
  sources?: string;
  coder?: string;
  speaker?: string;
  language?: string;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter((x) => x !== ''));

export function withQueryOptions(cmd: Command, formats: readonly string[] = LISTING_FORMATS, coderHelp = "whose codings count where codes are used (default: every coder's, spans merged)"): Command {
  return withOutputOptions(cmd
    .option('--wave <W,…>', 'only these waves, e.g. 1,3 or T1,T3')
    .option('--where <attr=value>', 'only cases with this attribute value (repeatable; all must hold)', collect)
    .option('--sources <pattern>', 'only sources whose id matches, e.g. "*_T1"')
    .option('--coder <C,…>', coderHelp)
    .addOption(new Option('--speaker <who>', 'whose talk').choices(['participant', 'interviewer', 'all']).default('participant'))
    .option('--language <code>', 'stemmer and stop words: en, de, es, fa, fr, it, nl, no, pt, ru, sv, uk (remembered by the project; default en)'), formats);
}

export function queryOptionsOf(f: QueryFlags, globalCoder: string | undefined): TextQueryOptions {
  return {
    filters: { waves: list(f.wave), where: f.where, sources: f.sources, coders: list(f.coder ?? globalCoder) },
    speaker: f.speaker as TextQueryOptions['speaker'],
    language: f.language,
  };
}

/** A whole-number option of at least `min`, or a usage error naming it. */
export function whole(name: string, v: unknown, min = 0): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} ${String(v)}: give a whole number of at least ${min}`);
  return n;
}
