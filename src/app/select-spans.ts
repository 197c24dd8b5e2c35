/**
 * Turning the selector a user typed into spans of a source (tag, untag, code).
 */
import { InputError, UsageError } from '../core/errors.js';
import type { Range } from '../core/range.js';
import { findMatches, linesSpan, parseSpan, turnsSpan } from '../core/selectors.js';
import type { Span } from '../core/spans.js';
import type { SourceText } from '../core/model.js';
import type { CodePointMap } from '../core/code-points.js';

export interface Selector {
  lines?: Range;
  turns?: Range;
  match?: string;
  /** With match: which match (1-based). */
  nth?: number;
  /** With match: every match. */
  all?: boolean;
  span?: string;
}

/** Exactly one selector must be given. */
export function checkSelector(s: Selector): void {
  const given = (['lines', 'turns', 'match', 'span'] as const).filter((k) => s[k] !== undefined);
  if (given.length !== 1) {
    throw new UsageError(given.length === 0 ? 'say what to code: --lines A-B, --turns A-B, --match TEXT or --span S-E' : `give one selector, not ${given.map((g) => `--${g}`).join(' and ')}`);
  }
  if ((s.nth !== undefined || s.all === true) && s.match === undefined) throw new UsageError('--nth and --all go with --match');
  if (s.nth !== undefined && s.all === true) throw new UsageError('give --nth N or --all, not both');
}

export function selectSpans(src: SourceText, map: CodePointMap, s: Selector): Span[] {
  checkSelector(s);
  const id = src.source.id;
  if (s.lines !== undefined) return [linesSpan(src.text, s.lines, id, map)];
  if (s.turns !== undefined) {
    const span = turnsSpan(src.turns, s.turns, id);
    if (span.end <= span.start) throw new InputError(`--turns ${s.turns.from}: that turn has no talk to code`);
    return [span];
  }
  if (s.span !== undefined) return [parseSpan(s.span, map.length)];
  const hits = findMatches(src.text, s.match!, map);
  if (hits.length === 0) {
    throw new InputError(`--match: no match in ${id}`, { code: 'E_NO_MATCH', hint: 'matching is case-sensitive; check the words with qcode show' });
  }
  if (s.all === true) return hits;
  if (s.nth !== undefined) {
    if (s.nth < 1 || s.nth > hits.length) throw new InputError(`--nth ${s.nth}: there are ${hits.length} matches in ${id}`);
    return [hits[s.nth - 1]!];
  }
  if (hits.length > 1) {
    const where = hits.slice(0, 10).map((h, i) => `${i + 1}: line ${h.line}`).join(', ');
    throw new InputError(`--match: ${hits.length} matches in ${id} (${where}${hits.length > 10 ? ', …' : ''})`, {
      code: 'E_AMBIGUOUS_MATCH',
      hint: 'pick one with --nth N, all with --all, or quote more words',
    });
  }
  return hits;
}
