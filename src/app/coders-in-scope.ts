/**
 * Coders in scope (README "Coders in scope"): the coders whose codings a report counts.
 * `--coder` when given (`all` = every coder); otherwise the consensus coder alone when the
 * project has codings by one (the target of `qcode adopt`); otherwise every coder, their
 * spans merged.
 */
import { ConsensusRepo } from '../db/consensus-repo.js';
import type { ReportView } from '../format/report.js';
import type { Project } from './project.js';

/** How the coders in scope were chosen. */
export type CoderRule = 'named' | 'consensus' | 'all';

/** `--coder all`: every coder, even when the project has a consensus coder. */
export const ALL_CODERS = 'all';

export interface CoderChoice {
  rule: CoderRule;
  /** The coders to keep, or null for every coder. */
  only: string[] | null;
}

/** Which coders a report counts, from `--coder` (undefined when not given). */
export function chooseCoders(p: Project, requested: readonly string[] | undefined): CoderChoice {
  if (requested !== undefined && requested.length === 1 && requested[0]!.toLowerCase() === ALL_CODERS) return { rule: 'all', only: null };
  if (requested !== undefined && requested.length > 0) return { rule: 'named', only: [...requested] };
  const consensus = new ConsensusRepo(p.db).coder();
  return consensus === null ? { rule: 'all', only: null } : { rule: 'consensus', only: [consensus] };
}

/** The coders named by `--coder` for things other than codings (memos): none for `all` or the default. */
export function namedCoders(requested: readonly string[] | undefined): string[] | undefined {
  if (requested === undefined || requested.length === 0) return undefined;
  return requested.length === 1 && requested[0]!.toLowerCase() === ALL_CODERS ? undefined : [...requested];
}

/** The one-line statement every report carries. */
export function codersSentence(rule: CoderRule, coders: readonly string[]): string {
  const names = coders.length === 0 ? 'none (no codings in scope)' : coders.join(', ');
  switch (rule) {
    case 'named':
      return `Coders in scope: ${names} (chosen with --coder${coders.length > 1 ? '; spans merged' : ''}).`;
    case 'consensus':
      return `Coders in scope: ${names}, the consensus coder (the default once the project has consensus codings; --coder all merges every coder).`;
    case 'all':
      return `Coders in scope: ${names} (all coders, spans merged).`;
  }
}

/** The view with the coders of its scope stated (every format renders the statement). */
export function stateCoders(view: ReportView, scope: { coders: string[]; coderRule: CoderRule }): ReportView {
  return { ...view, coders: { coders: [...scope.coders], rule: scope.coderRule, sentence: codersSentence(scope.coderRule, scope.coders) } };
}

/** For reports of memos (framework --memos): whose memos, stated as coders are. */
export function stateMemoAuthors(view: ReportView, requested: readonly string[] | undefined): ReportView {
  const named = namedCoders(requested);
  const sentence = named === undefined ? 'Memos of every coder (--coder names whose memos to show).' : `Memos of ${named.join(', ')} (chosen with --coder).`;
  return { ...view, coders: { coders: named ?? [], rule: named === undefined ? 'all' : 'named', sentence } };
}
