/**
 * The scope of a report: the sources, cases, coders and codes it covers, after the
 * filters every report kind takes (--wave, --where, --sources, --coder, --codes).
 */
import { descendantIds, type Code } from '../core/codebook.js';
import { UsageError } from '../core/errors.js';
import type { ScopeCoding, ScopeSource } from '../core/figures.js';
import { sourceMatcher } from '../core/glob.js';
import type { SourceSummary, SourceText } from '../core/model.js';
import { compareNatural, sortNatural } from '../core/sort.js';
import { normaliseWave } from '../core/source-identity.js';
import { findCode } from './code-lookup.js';
import { chooseCoders, type CoderRule } from './coders-in-scope.js';
import type { Project } from './project.js';
import type { CodeSpans } from '../core/code-spans.js';
import type { MergedSpans } from '../core/merged-spans.js';
import { ScopeIndex, type CodeOverlaps } from './scope-index.js';
import { CODING_FIELDS, F_CODE, F_CODER, F_END, F_START } from '../core/span-index.js';

export interface ReportFilters {
  waves?: string[];
  /** Case attribute conditions `name=value`, all of which must hold. */
  where?: string[];
  sources?: string;
  coders?: string[];
  codes?: string[];
}

export interface ScopedSource extends ScopeSource {
  /** The source's row id and current revision (also in `summary`, which is read on first use). */
  rowId: number;
  revision: number;
  date: string | null;
  /** The text's length in code points: summary.length, read for all sources at once without the summaries. */
  readonly length: number;
  readonly summary: SourceSummary;
  attributes: Record<string, string>;
}

export interface ReportScope {
  sources: ScopedSource[];
  /**
   * Per source in scope (same index), its placed codings by the coders in scope, packed:
   * six integers each (core/span-index.ts). What reports read; no object per coding.
   */
  packed: Int32Array[];
  /** Coder names by coder id. */
  coderNames: Map<number, string>;
  /**
   * Per code, its subtree's merged spans in each source (core/merged-spans.ts), made on first
   * use, or read from the merged-spans cache when an earlier report made the same merge.
   */
  readonly merged: MergedSpans;
  /**
   * `merged` for reports that read only counts (source indices, offsets, words per source):
   * from a kept merge its spans are not read, and reading a code's `data` throws.
   */
  readonly mergedFigures: MergedSpans;
  /** The union of every code's merged spans: where any code was applied, merged per source. */
  readonly everyCode: CodeSpans;
  /** The overlap counts of every pair of codes, kept with the merge (null for a very large codebook). */
  readonly codeOverlaps: CodeOverlaps | null;
  /** The same codings as objects, built on first use (slow on large projects: prefer `packed`). */
  readonly codings: ScopeCoding[];
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
  /** Where each turn of a source in scope starts and its talk ends, without its text (empty when it has no turns). */
  turnBounds(index: number): { start: number; talkEnd: number }[];
  /** The text of a source in scope as stored (UTF-8 bytes), read anew each time and not kept. */
  textBytes(index: number): Uint8Array;
}

export function loadScope(p: Project, f: ReportFilters = {}): ReportScope {
  const attributes = new Map(p.cases.list().map((c) => [c.case, c.attributes]));
  const conditions = (f.where ?? []).map((w) => parseWhere(w, attributes));
  const waves = f.waves === undefined ? null : new Set(f.waves.map(normaliseWave));
  const wanted = f.sources === undefined ? () => true : sourceMatcher(f.sources);
  const kept = p.sources.scopeList()
    .filter((s) => wanted(s.id) && (waves === null || waves.has(s.wave)))
    .filter((s) => conditions.every(([k, v]) => (attributes.get(s.case)?.[k] ?? '').toLowerCase() === v.toLowerCase()));
  // Cases and waves ranked once (a thousand sources share a few hundred cases and a few waves):
  // the sort compares two integers, and ids only within a case and wave.
  const caseRank = new Map(sortNatural([...new Set(kept.map((s) => s.case))]).map((c, i) => [c, i]));
  const waveRank = new Map(sortNatural([...new Set(kept.map((s) => s.wave))]).map((w, i) => [w, i]));
  const rank = Int32Array.from(kept, (s) => caseRank.get(s.case)! * waveRank.size + waveRank.get(s.wave)!);
  // Full summaries (metadata, turns, lengths) are read only when a report asks for one.
  let summaries: Map<number, SourceSummary> | undefined;
  const summaryOf = (rowId: number): SourceSummary => (summaries ??= new Map(p.sources.list().map((x) => [x.rowId, x]))).get(rowId)!;
  let lengths: Map<number, number> | undefined;
  const lengthOf = (rowId: number): number => (lengths ??= p.sources.lengths()).get(rowId)!;
  const sources: ScopedSource[] = kept
    .map((_, i) => i)
    .sort((a, b) => rank[a]! - rank[b]! || compareNatural(kept[a]!.id, kept[b]!.id))
    .map((i) => {
      const s = kept[i]!;
      let starts: Uint32Array | undefined;
      return {
        id: s.id, case: s.case, wave: s.wave, participantWords: s.participantWords, rowId: s.rowId, revision: s.revision, date: s.date, attributes: attributes.get(s.case) ?? {},
        get summary(): SourceSummary {
          return summaryOf(s.rowId);
        },
        get length(): number {
          return lengthOf(s.rowId);
        },
        // Reports count words from the packed codings; the word index is read only if asked for.
        get wordStarts(): Uint32Array {
          return (starts ??= p.codingSpans.wordStarts(s.rowId, s.revision));
        },
      };
    });
  if (sources.length === 0) throw new UsageError('no source is in the scope of these filters', { hint: 'check --wave, --where and --sources against qcode sources and qcode cases' });
  const codes = p.codes.list();
  const chosen = chooseCoders(p, f.coders);
  const coderNames = new Map(p.coders.list().map((c) => [c.id, c.name]));
  const known = new Set(coderNames.values());
  for (const c of chosen.only ?? []) if (!known.has(c)) throw new UsageError(`--coder ${c}: no such coder`, { hint: `coders: ${[...known].sort().join(', ') || 'none yet'}; all = every coder` });
  const shown = f.codes === undefined ? new Set(codes.map((c) => c.id)) : new Set(f.codes.flatMap((n) => [...descendantIds(codes, findCode(p, n, codes).id)]));
  const coderIds = chosen.only === null ? null : new Set([...coderNames].filter(([, name]) => chosen.only!.includes(name)).map(([id]) => id));
  const index = new ScopeIndex(p, sources.map((s) => s.rowId), coderIds, codes, [...coderNames.keys()]);
  let codings: ScopeCoding[] | undefined;
  const texts = new Map<number, SourceText>();
  return {
    sources, coderNames, codes, shown,
    get packed(): Int32Array[] {
      return index.packed;
    },
    get merged(): MergedSpans {
      return index.merged;
    },
    get mergedFigures(): MergedSpans {
      return index.mergedFigures;
    },
    get everyCode(): CodeSpans {
      return index.everyCode;
    },
    get codeOverlaps(): CodeOverlaps | null {
      return index.codeOverlaps;
    },
    get codings(): ScopeCoding[] {
      return (codings ??= unpack(index.packed, coderNames));
    },
    coders: chosen.only ?? index.codersPresent().map((id) => coderNames.get(id)!).sort(),
    coderRule: chosen.rule,
    cases: [...caseRank.keys()],
    participantWords: sources.reduce((n, s) => n + s.participantWords, 0),
    attributes,
    turnBounds(i: number): { start: number; talkEnd: number }[] {
      const t = texts.get(i);
      return t !== undefined ? t.turns : p.sources.turnBounds(sources[i]!.rowId, sources[i]!.revision);
    },
    textBytes(i: number): Uint8Array {
      return p.sources.textBytes(sources[i]!.rowId, sources[i]!.revision)!;
    },
    text(i: number): SourceText {
      let t = texts.get(i);
      if (t === undefined) {
        const src = sources[i]!;
        const { revisionId, text, turns } = p.sources.passageText(src.rowId, src.revision)!;
        let starts: Uint32Array | undefined;
        texts.set(i, (t = {
          get source(): SourceSummary {
            return src.summary;
          },
          revisionId, text, turns,
          get participantWordStarts(): Uint32Array {
            return (starts ??= src.wordStarts);
          },
        }));
      }
      return t;
    },
  };
}

function unpack(packed: readonly Int32Array[], coderNames: ReadonlyMap<number, string>): ScopeCoding[] {
  const out: ScopeCoding[] = [];
  packed.forEach((data, source) => {
    for (let o = 0; o < data.length; o += CODING_FIELDS) {
      out.push({ codeId: data[o + F_CODE]!, source, coder: coderNames.get(data[o + F_CODER]!)!, start: data[o + F_START]!, end: data[o + F_END]! });
    }
  });
  return out;
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
