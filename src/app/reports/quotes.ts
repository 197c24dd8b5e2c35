/**
 * `qcode report quotes <code…>`: the quote bank — every coded passage of the codes,
 * verbatim participant talk, grouped by code and case, each attributed with case, wave,
 * source and lines, ready to paste into a manuscript.
 */
import { codePath, descendantIds, nameKey, type Code } from '../../core/codebook.js';
import { CodebookError } from '../../core/errors.js';
import { wordsOf, mergedSpansByCode, type WordSpan } from '../../core/figures.js';
import { PassageReader, type PassageSourceText } from '../../core/passage-text.js';
import { waveLabel } from '../../core/quotes.js';
import type { Span } from '../../core/spans.js';
import { nearestNames } from '../../core/nearest.js';
import { encodeUtf8 } from '../../core/utf8-cursor.js';
import { escapeMd } from '../../format/markdown.js';
import type { ReportFormat, ReportView } from '../../format/report.js';
import type { Column } from '../../format/table-shape.js';
import type { Project } from '../project.js';
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

/** Where passages are read from: a source's UTF-8 text and participant talk, by scope index. */
export type PassageTexts = (i: number) => PassageSourceText;

/**
 * The texts of the scope's sources (loaded as strings, encoded): for callers without the
 * project at hand. The CLI reads the bytes straight from the project (projectPassageTexts).
 */
export function scopePassageTexts(scope: ReportScope): PassageTexts {
  return (i) => {
    const t = scope.text(i);
    const talk = t.turns.length === 0 ? null : Int32Array.from(t.turns.filter((x) => x.role === 'participant').flatMap((x) => [x.talkStart, x.talkEnd]));
    return { bytes: encodeUtf8(t.text), talk };
  };
}

/** The texts of the scope's sources read from the project as UTF-8, with no string decoded whole. */
export function projectPassageTexts(p: Project, scope: ReportScope): PassageTexts {
  return (i) => {
    // The scope's own fields: its full summaries (read for every source at once) are not needed.
    const s = scope.sources[i]!;
    const t = p.sources.passageBytes(s.rowId, s.revision);
    if (t === undefined) throw new Error(`source ${s.id}: revision ${s.revision} is missing`);
    return t;
  };
}

/**
 * Reads passages: the participant talk of a span — labels and interviewer turns cut out,
 * the pieces left that hold a word joined by " … ", white space runs as single spaces;
 * with `maxWords`, cut after that many words (clipWords). Reads are cheapest source by
 * source, by position within each.
 */
export function passageReader(scope: ReportScope, texts: PassageTexts = scopePassageTexts(scope)): (c: CodedSpan, maxWords?: number) => Passage {
  let current = -1;
  let reader: PassageReader | undefined;
  return ({ i, span, words }, maxWords) => {
    if (i !== current || reader === undefined) {
      reader = new PassageReader(texts(i));
      current = i;
    }
    const { text, lineStart, lineEnd } = reader.read(span.start, span.end, maxWords);
    const src = scope.sources[i]!;
    return { text, case: src.case, wave: src.wave, source: src.id, lineStart, lineEnd, words };
  };
}

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
 * the codes named here are the ones shown. `texts`: where passages are read from (default:
 * the scope's texts; the CLI reads the project's bytes, projectPassageTexts).
 */
export function quotesReport(scope: ReportScope, names: readonly string[], o: QuotesOptions = {}, texts?: PassageTexts): QuoteBank {
  const codes: Code[] = [];
  for (const name of names) {
    const c = codeNamed(scope.codes, name);
    if (!codes.includes(c)) codes.push(c);
  }
  // Only the named codes' subtrees are merged: their figures need no other code.
  const merged = mergedSpansByCode(subtrees(scope.codes, codes), scope.packed);
  const read = passageReader(scope, texts);
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
      return { code: c.name, path: codePath(scope.codes, c.id), quotes: kept.map((q) => read(q)) };
    }),
  };
}

/** The codes of the subtrees of `roots`, each root made a top-level code (for merging them alone). */
export function subtrees(codes: readonly Code[], roots: readonly Code[]): Code[] {
  const ids = new Set(roots.flatMap((r) => [...descendantIds(codes, r.id)]));
  return codes.filter((c) => ids.has(c.id)).map((c) => (c.parentId !== null && !ids.has(c.parentId) ? { ...c, parentId: null } : c));
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
