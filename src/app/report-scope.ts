/**
 * The scope of a report: the sources, cases, coders and codes it covers, after the
 * filters every report kind takes (--wave, --where, --sources, --coder, --codes).
 */
import { descendantIds, type Code } from '../core/codebook.js';
import { UsageError } from '../core/errors.js';
import type { ScopeCoding, ScopeSource } from '../core/figures.js';
import { sourceMatcher } from '../core/glob.js';
import type { SourceSummary, SourceText } from '../core/model.js';
import { compareNatural } from '../core/sort.js';
import { normaliseWave } from '../core/source-identity.js';
import { findCode } from './code-lookup.js';
import { chooseCoders, type CoderRule } from './coders-in-scope.js';
import type { Project } from './project.js';

export interface ReportFilters {
  waves?: string[];
  /** Case attribute conditions `name=value`, all of which must hold. */
  where?: string[];
  sources?: string;
  coders?: string[];
  codes?: string[];
}

export interface ScopedSource extends ScopeSource {
  summary: SourceSummary;
  attributes: Record<string, string>;
}

export interface ReportScope {
  sources: ScopedSource[];
  codings: ScopeCoding[];
  codes: Code[];
  /** Codes the report shows (all, or --codes with their descendants). */
  shown: Set<number>;
  /** Coders in scope: those named, the consensus coder, or every coder with a coding in scope. */
  coders: string[];
  /** How they were chosen (README "Coders in scope"). */
  coderRule: CoderRule;
  cases: string[];
  participantWords: number;
  attributes: Map<string, Record<string, string>>;
  /** Text and turns of a source in scope, loaded on demand. */
  text(index: number): SourceText;
}

export function loadScope(p: Project, f: ReportFilters = {}): ReportScope {
  const attributes = new Map(p.cases.list().map((c) => [c.case, c.attributes]));
  const conditions = (f.where ?? []).map((w) => parseWhere(w, attributes));
  const waves = f.waves === undefined ? null : new Set(f.waves.map(normaliseWave));
  const wanted = f.sources === undefined ? () => true : sourceMatcher(f.sources);
  const starts = p.sources.allWordStarts();
  const sources: ScopedSource[] = p.sources.list()
    .filter((s) => wanted(s.id) && (waves === null || waves.has(s.wave)))
    .filter((s) => conditions.every(([k, v]) => (attributes.get(s.case)?.[k] ?? '').toLowerCase() === v.toLowerCase()))
    .sort((a, b) => compareNatural(a.case, b.case) || compareNatural(a.wave, b.wave) || compareNatural(a.id, b.id))
    .map((s) => ({ id: s.id, case: s.case, wave: s.wave, participantWords: s.participantWords, wordStarts: starts.get(s.id) ?? new Uint32Array(), summary: s, attributes: attributes.get(s.case) ?? {} }));
  if (sources.length === 0) throw new UsageError('no source is in the scope of these filters', { hint: 'check --wave, --where and --sources against qcode sources and qcode cases' });
  const index = new Map(sources.map((s, i) => [s.summary.rowId, i]));
  const codes = p.codes.list();
  const known = new Set(p.coders.list().map((c) => c.name));
  const chosen = chooseCoders(p, f.coders);
  for (const c of chosen.only ?? []) if (!known.has(c)) throw new UsageError(`--coder ${c}: no such coder`, { hint: `coders: ${[...known].sort().join(', ') || 'none yet'}; all = every coder` });
  const coderSet = chosen.only === null ? null : new Set(chosen.only);
  const coderNames = new Map(p.coders.list().map((c) => [c.id, c.name]));
  const codings: ScopeCoding[] = [];
  for (const [codeId, sourceRow, coderId, start, end] of p.codings.placed()) {
    const s = index.get(sourceRow);
    const coder = coderNames.get(coderId)!;
    if (s === undefined || (coderSet !== null && !coderSet.has(coder))) continue;
    codings.push({ codeId, source: s, coder, start, end });
  }
  const shown = f.codes === undefined ? new Set(codes.map((c) => c.id)) : new Set(f.codes.flatMap((n) => [...descendantIds(codes, findCode(p, n, codes).id)]));
  const texts = new Map<number, SourceText>();
  return {
    sources, codings, codes, shown,
    coders: chosen.only ?? [...new Set(codings.map((c) => c.coder))].sort(),
    coderRule: chosen.rule,
    cases: [...new Set(sources.map((s) => s.case))].sort(compareNatural),
    participantWords: sources.reduce((n, s) => n + s.participantWords, 0),
    attributes,
    text(i: number): SourceText {
      let t = texts.get(i);
      if (t === undefined) texts.set(i, (t = p.sources.text(sources[i]!.id)!));
      return t;
    },
  };
}

/** `name=value`; the attribute name matched exactly, else ignoring case; unknown names are an error. */
function parseWhere(cond: string, attributes: Map<string, Record<string, string>>): [string, string] {
  const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(cond);
  if (m === null) throw new UsageError(`--where ${cond}: expected ATTRIBUTE=VALUE, e.g. --where gender=woman`);
  const names = [...new Set([...attributes.values()].flatMap((a) => Object.keys(a)))].sort();
  const name = names.find((n) => n === m[1]) ?? names.find((n) => n.toLowerCase() === m[1]!.toLowerCase());
  if (name === undefined) throw new UsageError(`--where ${cond}: no case attribute "${m[1]}"`, { hint: names.length > 0 ? `attributes: ${names.join(', ')}` : 'no case has attributes yet; see qcode cases import' });
  return [name, m[2]!];
}
