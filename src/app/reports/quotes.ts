/**
 * `qcode report quotes <code…>`: the quote bank — every coded passage of the codes,
 * verbatim participant talk, grouped by code and case, each attributed with case, wave,
 * source and lines, ready to paste into a manuscript.
 */
import { CodePointMap, countBelow } from '../../core/code-points.js';
import { codePath, nameKey, type Code } from '../../core/codebook.js';
import { CodebookError } from '../../core/errors.js';
import type { StoredTurn } from '../../core/model.js';
import { wordsOf, mergedSpansByCode, type WordSpan } from '../../core/figures.js';
import { participantPieces, waveLabel } from '../../core/quotes.js';
import type { Span } from '../../core/spans.js';
import { nearestNames } from '../../core/nearest.js';
import { lineStarts } from '../../core/text.js';
import { escapeMd } from '../../format/markdown.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import type { Column } from '../../format/table-shape.js';
import type { ReportScope } from '../report-scope.js';

export interface Passage {
  /** The participant talk of the span, white space runs as single spaces, pieces joined by " … ". */
  text: string;
  case: string;
  wave: string;
  source: string;
  /** Lines (from 1) of the first and last character quoted. */
  lineStart: number;
  lineEnd: number;
  /** Participant-talk words inside the span (as the figures count them). */
  words: number;
}

/** A merged span with participant words, before its text is read. */
export interface CodedSpan {
  /** Index of the source in the scope. */
  i: number;
  span: Span;
  words: number;
}

/**
 * The merged spans of one code that hold participant words, in scope order (case, wave,
 * source) and by position; counted from the word index, without reading any text.
 */
export function codedSpans(scope: ReportScope, spansBySource: ReadonlyMap<number, readonly WordSpan[]>): CodedSpan[] {
  const out: CodedSpan[] = [];
  for (const i of [...spansBySource.keys()].sort((a, b) => a - b)) {
    for (const span of spansBySource.get(i)!) {
      const words = wordsOf(span);
      if (words > 0) out.push({ i, span, words });
    }
  }
  return out;
}

/**
 * Reads passages: the participant talk of a span — labels and interviewer turns cut out,
 * the pieces left that hold a word joined by " … ", white space runs as single spaces.
 */
export function passageReader(scope: ReportScope): (c: CodedSpan) => Passage {
  const texts = new Map<number, { text: string; map: CodePointMap; lines: number[]; turns: readonly StoredTurn[] }>();
  return ({ i, span, words }) => {
    let t = texts.get(i);
    if (t === undefined) {
      const st = scope.text(i);
      const map = new CodePointMap(st.text);
      texts.set(i, (t = { text: st.text, map, lines: lineStarts(st.text).map((u) => map.toCodePoint(u)), turns: st.turns }));
    }
    const { text, map, lines } = t;
    const lineOf = (cp: number): number => countBelow(lines, cp + 1);
    const pieces = participantPieces(span, t.turns)
      .map((p) => ({ ...p, text: text.slice(map.toUtf16(p.start), map.toUtf16(p.end)).replace(/\s+/g, ' ').trim() }))
      // A piece holds a word when it holds a letter or digit (a word starts with one).
      .filter((p) => HAS_WORD.test(p.text));
    // A participant word starts inside the span, so at least one piece holds a word.
    const first = pieces[0] ?? span;
    const last = pieces[pieces.length - 1] ?? span;
    const src = scope.sources[i]!;
    return {
      text: pieces.map((p) => p.text).join(' … '), case: src.case, wave: src.wave, source: src.id,
      lineStart: lineOf(first.start), lineEnd: lineOf(last.end - 1), words,
    };
  };
}

const HAS_WORD = /[\p{L}\p{N}]/u;

export interface QuotesOptions {
  /** Only the first N passages of each case (by wave, source and position). */
  perCase?: number;
  /** Only passages of at least N participant words. */
  minWords?: number;
  /** At most N passages per code (the first, in case order). */
  max?: number;
}

export interface QuoteBank {
  codes: { code: string; path: string[]; quotes: Passage[] }[];
}

/**
 * The quote bank of the named codes (in the order given, each once). A code's passages
 * come from its merged spans (its sub-codes included, all coders in scope merged), in
 * natural case order, then wave, source and position. Filters apply in this order:
 * --min-words, then --per-case, then --max. The report's --codes filter does not apply:
 * the codes named here are the ones shown.
 */
export function quotesReport(scope: ReportScope, names: readonly string[], o: QuotesOptions = {}): QuoteBank {
  const codes: Code[] = [];
  for (const name of names) {
    const c = codeNamed(scope.codes, name);
    if (!codes.includes(c)) codes.push(c);
  }
  const merged = mergedSpansByCode(scope.codes, scope.packed);
  const read = passageReader(scope);
  return {
    codes: codes.map((c) => {
      const perCase = new Map<string, number>();
      // Filtered on the word index first: only the texts of the passages kept are read.
      let kept = codedSpans(scope, merged.get(c.id) ?? new Map())
        .filter((q) => q.words >= (o.minWords ?? 0))
        .filter((q) => {
          const kase = scope.sources[q.i]!.case;
          const n = (perCase.get(kase) ?? 0) + 1;
          perCase.set(kase, n);
          return o.perCase === undefined || n <= o.perCase;
        });
      if (o.max !== undefined) kept = kept.slice(0, o.max);
      return { code: c.name, path: codePath(scope.codes, c.id), quotes: kept.map(read) };
    }),
  };
}

/**
 * The code called `name` (ignoring case and spacing, as findCode), or an error naming the
 * nearest codes — without findCode's "add --new", which reports do not take.
 */
function codeNamed(codes: readonly Code[], name: string): Code {
  const key = nameKey(name.trim().replace(/\s+/g, ' '));
  const found = codes.find((c) => nameKey(c.name) === key);
  if (found !== undefined) return found;
  const near = nearestNames(name, codes.map((c) => c.name));
  throw new CodebookError(`no code "${name}" in the codebook`, {
    code: 'E_NO_CODE',
    hint: near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'qcode codebook lists the codes',
  });
}

/** `50002 (T2), 50002_T2 lines 11–14` (`line 11` for one line). */
export function quoteAttribution(q: Passage): string {
  const lines = q.lineStart === q.lineEnd ? `line ${q.lineStart}` : `lines ${q.lineStart}–${q.lineEnd}`;
  return `${q.case} (${waveLabel(q.wave)}), ${q.source} ${lines}`;
}

/**
 * Markdown: a heading per code, the case in bold, each passage a block quote followed by
 * its attribution. Other formats: one row per passage.
 */
export function quotesView(r: QuoteBank, format: ReportFormat): ReportView {
  const title = 'Quote bank';
  if (format === 'md') {
    const paragraphs: string[] = [];
    for (const c of r.codes) {
      paragraphs.push(`### ${escapeMd(c.code)}`);
      if (c.quotes.length === 0) paragraphs.push('_No coded participant talk in scope._');
      let last: string | null = null;
      for (const q of c.quotes) {
        if (q.case !== last) paragraphs.push(`**${escapeMd(q.case)}**`);
        last = q.case;
        paragraphs.push(`> ${escapeMd(q.text)} ${escapeMd(quoteAttribution(q))}`);
      }
    }
    return { title, data: r, tables: [], paragraphs };
  }
  const columns: Column[] = [
    { key: 'code', header: 'code' },
    { key: 'case', header: 'case' },
    { key: 'wave', header: 'wave' },
    { key: 'source', header: 'source' },
    { key: 'lineStart', header: 'from line', align: 'right' },
    { key: 'lineEnd', header: 'to line', align: 'right' },
    { key: 'words', header: 'words', align: 'right' },
    { key: 'text', header: 'quote', wrap: true },
  ];
  const rows = r.codes.flatMap((c) => c.quotes.map((q) => ({
    code: c.code, case: q.case, wave: waveLabel(q.wave), source: q.source, lineStart: q.lineStart, lineEnd: q.lineEnd, words: q.words, text: q.text,
  })));
  return {
    title, data: r, tables: [{ table: { columns, rows } }],
    quoteBlocks: r.codes.map((c) => ({ heading: c.code, quotes: c.quotes.map((q) => ({ text: q.text, attribution: `${q.case} (${waveLabel(q.wave)}).` })) })),
    paragraphs: format === 'csv' ? undefined : ['Every coded passage of the codes (sub-codes included, the coders in scope merged): participant talk only, interviewer turns and speaker labels cut out (“…”).'],
  };
}
