/**
 * The span selectors of `tag` and `untag`: --lines, --turns, --match, --span. All
 * results are code-point spans into the source's normalised text.
 */
import { CodePointMap } from './code-points.js';
import { InputError, UsageError } from './errors.js';
import type { StoredTurn } from './model.js';
import type { Range } from './range.js';
import type { Span } from './spans.js';
import { lineStarts } from './text.js';

/** [start of line A, end of line B), without B's line break. */
export function linesSpan(text: string, range: Range, source: string, map = new CodePointMap(text), starts = lineStarts(text)): Span {
  if (range.from > starts.length) throw new InputError(`--lines ${range.from}: ${source} has ${starts.length} lines`, { hint: `qcode show ${source} numbers them` });
  const to = Math.min(range.to, starts.length);
  const end = to < starts.length ? starts[to]! - 1 : text.length;
  const span = { start: map.toCodePoint(starts[range.from - 1]!), end: map.toCodePoint(end) };
  if (span.end === span.start) {
    const which = to === range.from ? `line ${to} of ${source} is` : `lines ${range.from}-${to} of ${source} are`;
    throw new InputError(`${rangeArg('--lines', range)}: ${which} blank: there is no text there`, { hint: `qcode show ${source} numbers the lines` });
  }
  return span;
}

function rangeArg(option: string, range: Range): string {
  return range.to === range.from ? `${option} ${range.from}` : `${option} ${range.from}-${range.to}`;
}

/** From the start of turn A's talk to the end of turn B's talk. */
export function turnsSpan(turns: readonly StoredTurn[], range: Range, source: string): Span {
  if (turns.length === 0) throw new InputError(`--turns: ${source} has no speaker turns`, { hint: 'select with --lines or --match instead' });
  if (range.from > turns.length) throw new InputError(`--turns ${range.from}: ${source} has ${turns.length} turns`, { hint: `qcode show ${source} --turns numbers them` });
  const to = Math.min(range.to, turns.length);
  const span = { start: turns[range.from - 1]!.talkStart, end: turns[to - 1]!.talkEnd };
  if (span.end <= span.start) {
    const which = to === range.from ? `turn ${to} of ${source} has` : `turns ${range.from}-${to} of ${source} have`;
    throw new InputError(`${rangeArg('--turns', range)}: ${which} no talk: there is no text there`, { hint: `qcode show ${source} --turns numbers them` });
  }
  return span;
}

/** `S-E` in code points, checked against the text's length. */
export function parseSpan(arg: string, length: number): Span {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(arg);
  if (m === null) throw new UsageError(`--span ${arg}: expected START-END in code points, e.g. --span 120-348`);
  const span = { start: Number(m[1]), end: Number(m[2]) };
  if (span.end <= span.start) throw new UsageError(`--span ${arg}: the end must come after the start`);
  if (span.end > length) throw new InputError(`--span ${arg}: the text has ${length} code points`);
  return span;
}

const SINGLE = "'\u2018\u2019\u201B\u2032";
const DOUBLE = '"\u201C\u201D\u201E\u201F\u2033';

/**
 * A regular expression for `--match TEXT`: case-sensitive, any run of white space matches
 * any run of white space, and straight and typographic quotes match each other.
 */
export function matchPattern(needle: string): RegExp {
  const text = needle.normalize('NFC').trim();
  if (text.length === 0) throw new UsageError('--match needs some text');
  let source = '';
  for (const part of text.split(/(\s+)/u)) {
    if (part.length === 0) continue;
    if (/^\s+$/u.test(part)) {
      source += '\\s+';
      continue;
    }
    for (const ch of part) {
      if (SINGLE.includes(ch)) source += `[${SINGLE}]`;
      else if (DOUBLE.includes(ch)) source += `[${DOUBLE}]`;
      else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(source, 'gu');
}

export interface MatchHit extends Span {
  line: number;
}

/** Every non-overlapping match of `needle` in `text`, with the line it starts on. */
export function findMatches(text: string, needle: string, map = new CodePointMap(text)): MatchHit[] {
  const re = matchPattern(needle);
  const starts = lineStarts(text);
  const hits: MatchHit[] = [];
  let line = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    while (line + 1 < starts.length && starts[line + 1]! <= m.index) line++;
    hits.push({ start: map.toCodePoint(m.index), end: map.toCodePoint(m.index + m[0].length), line: line + 1 });
  }
  return hits;
}
