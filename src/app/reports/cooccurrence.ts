/**
 * `qcode report cooccurrence`: code × code, how often two codes meet — in the same
 * passage (overlap), in the same turn, or in the same source — with a Jaccard coefficient
 * (Jaccard 1912: |A ∩ B| ÷ |A ∪ B| over the units where either code occurs).
 */
import { countBelow } from '../../core/code-points.js';
import { codePath, descendantIds, treeOrder } from '../../core/codebook.js';
import { UsageError } from '../../core/errors.js';
import { CodeSpans } from '../../core/code-spans.js';
import { overlapPlaces, placesOf, type PairPlaces } from '../../core/overlap-places.js';
import type { Span } from '../../core/spans.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import { roundFixed, type Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';
import type { CodeOverlaps } from '../scope-index.js';

export const COOCCURRENCE_UNITS = ['overlap', 'turn', 'source'] as const;
export type CooccurrenceWithin = (typeof COOCCURRENCE_UNITS)[number];

export interface CooccurrencePair {
  a: string;
  b: string;
  /** Units where both codes occur; null for a code and its own ancestor or descendant. */
  count: number | null;
  /** Units where a (b) occurs, as the coefficient counts them. */
  countA: number | null;
  countB: number | null;
  /** count ÷ (countA + countB − count); null when neither occurs, or for nested codes. */
  jaccard: number | null;
}

export interface CooccurrenceReport {
  within: CooccurrenceWithin;
  codes: { code: string; path: string[]; depth: number }[];
  /** Every pair of shown codes, a before b in tree order. */
  pairs: CooccurrencePair[];
}

/**
 * Co-occurrence of every pair of shown codes. Each code's spans are its merged spans (its
 * sub-codes included, all coders in scope merged, as for the figures). The unit counted:
 *
 * - overlap: a *place* is a stretch of one source made of A's and B's merged spans chained
 *   by sharing at least one code point (spans that only touch do not chain). count = places
 *   holding both A and B (an A passage overlapping two B passages is one place); countA =
 *   places holding A; so the coefficient is count ÷ all places of A or B.
 * - turn: a turn (participant or interviewer) of a source in scope, its span running from
 *   its label to the end of its talk; a code occurs in it when one of its spans shares a
 *   code point with that span. A source without speaker labels is one unit; text before
 *   the first label (the header) is in no turn.
 * - source: a source in scope; a code occurs in it when it has a coding there.
 *
 * A code is not compared with its own ancestors or descendants (their overlap is trivial):
 * count, countA, countB and jaccard are null there.
 */
export function cooccurrenceReport(scope: ReportScope, o: { within?: CooccurrenceWithin } = {}): CooccurrenceReport {
  const within = o.within ?? 'overlap';
  if (!(COOCCURRENCE_UNITS as readonly string[]).includes(within)) {
    throw new UsageError(`--within ${String(within)}: expected one of ${COOCCURRENCE_UNITS.join(', ')}`);
  }
  const shown = treeOrder(scope.codes).filter(({ code }) => scope.shown.has(code.id));
  // Every code shown: the overlap counts kept with the scope's merge serve, and they need the
  // merged spans' counts only, not the spans.
  const kept = within === 'overlap' && scope.shown.size === scope.codes.length ? scope.codeOverlaps : null;
  const merged = kept !== null ? scope.mergedFigures : scope.merged;
  const spansOf = (id: number): CodeSpans => merged.get(id) ?? CodeSpans.EMPTY;
  const units = within === 'overlap' ? null : new Map(shown.map(({ code }) => [code.id, unitsOf(scope, spansOf(code.id), within)]));
  const family = new Map(shown.map(({ code }) => [code.id, descendantIds(scope.codes, code.id)]));
  const overlap = units === null ? placesOfShown(kept, shown.map(({ code }) => code.id), spansOf, scope.sources.length) : null;
  const pairs: CooccurrencePair[] = [];
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i]!.code;
    for (let j = i + 1; j < shown.length; j++) {
      const b = shown[j]!.code;
      const nested = family.get(a.id)!.has(b.id) || family.get(b.id)!.has(a.id);
      let n: { count: number; countA: number; countB: number } | null = null;
      if (!nested) n = overlap === null ? shared(units!.get(a.id)!, units!.get(b.id)!) : overlap(i, j);
      const union = n === null ? 0 : n.countA + n.countB - n.count;
      pairs.push({
        a: a.name, b: b.name, count: n?.count ?? null, countA: n?.countA ?? null, countB: n?.countB ?? null,
        jaccard: n === null || union === 0 ? null : n.count / union,
      });
    }
  }
  return { within, codes: shown.map(({ code, depth }) => ({ code: code.name, path: codePath(scope.codes, code.id), depth })), pairs };
}

/**
 * The overlap places of the shown codes: from the counts kept with the scope's merge when
 * every code is shown (one sweep over all codes, made once per change), else swept now.
 */
function placesOfShown(every: CodeOverlaps | null, ids: number[], spansOf: (id: number) => CodeSpans, sourceCount: number): (a: number, b: number) => PairPlaces {
  const spans = ids.map(spansOf);
  if (every === null) return overlapPlaces(spans, sourceCount);
  const at = new Map(every.codeIds.map((id, k) => [id, k]));
  return placesOf(every.counts, spans, (a) => at.get(ids[a]!)!);
}

function shared(a: Set<string>, b: Set<string>): { count: number; countA: number; countB: number } {
  let count = 0;
  for (const u of a) if (b.has(u)) count++;
  return { count, countA: a.size, countB: b.size };
}

/** The turns (or sources) where a code occurs, as `source:turn` keys. */
function unitsOf(scope: ReportScope, spans: ReadonlyMap<number, readonly Span[]>, within: 'turn' | 'source'): Set<string> {
  const out = new Set<string>();
  for (const [s, list] of spans) {
    if (list.length === 0) continue;
    if (within === 'source') {
      out.add(`${s}`);
      continue;
    }
    const turns = scope.text(s).turns;
    if (turns.length === 0) {
      out.add(`${s}:0`);
      continue;
    }
    const talkEnds = turns.map((t) => t.talkEnd);
    for (const span of list) {
      // Turns are in text order, so their ends ascend: skip those ending at or before the span.
      for (let k = countBelow(talkEnds, span.start + 1); k < turns.length && turns[k]!.start < span.end; k++) out.add(`${s}:${turns[k]!.number}`);
    }
  }
  return out;
}

const UNIT_TEXT: Record<CooccurrenceWithin, string> = {
  overlap: 'places where the two codes’ passages overlap (share at least one character); a place is a chain of overlapping passages of either code',
  turn: 'turns (interviewer or participant) in which both codes have a coding',
  source: 'sources in which both codes have a coding',
};

/**
 * A square table (upper triangle, `count (jaccard)`; codes numbered, columns 2…n) for
 * table, md, tex and html; CSV gets one row per pair with raw numbers.
 */
export function cooccurrenceView(r: CooccurrenceReport, format: ReportFormat): ReportView {
  const title = `Code co-occurrence (${r.within})`;
  const paragraphs = [`Counts: ${UNIT_TEXT[r.within]}. In brackets the Jaccard coefficient: count ÷ (units with the row code + units with the column code − count). — : a code and its own theme or sub-code, not compared.`];
  if (format === 'csv') {
    const columns: Column[] = [
      { key: 'a', header: 'code a' }, { key: 'b', header: 'code b' }, { key: 'count', header: 'count', align: 'right' },
      { key: 'countA', header: 'units a', align: 'right' }, { key: 'countB', header: 'units b', align: 'right' },
      { key: 'jaccard', header: 'jaccard', align: 'right', decimals: 2 },
    ];
    return { title, data: r, tables: [{ table: { columns, rows: r.pairs.map((p) => ({ ...p })) } }], paragraphs };
  }
  const n = r.codes.length;
  const at = new Map(r.pairs.map((p) => [`${p.a}\u0000${p.b}`, p]));
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'n', header: '#', align: 'right' },
    // Column 1 would be empty (upper triangle): columns 2…n.
    // html and svg head the columns with the code names (a wide table scrolls there); the rest number them.
    ...r.codes.slice(1).map((c, k) => ({ key: `c${k + 1}`, header: format === 'html' || format === 'svg' ? c.code : String(k + 2), align: 'right' as const })),
  ];
  const rows = r.codes.map((c, i) => {
    const row: Record<string, string | number> = { code: c.code, depth: c.depth, n: i + 1 };
    for (let j = 1; j < n; j++) {
      const p = j > i ? at.get(`${c.code}\u0000${r.codes[j]!.code}`) : undefined;
      row[`c${j}`] = p === undefined ? '' : p.count === null ? '—' : p.jaccard === null ? String(p.count) : `${p.count} (${roundFixed(p.jaccard, 2)})`;
    }
    return row;
  });
  return { title, data: r, tables: [{ table: { columns, rows }, indentKey: 'depth', heat: columns.slice(2).map((c) => c.key) }], paragraphs };
}
