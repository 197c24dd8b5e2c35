/**
 * Which speaker labels are interviewer talk (DESIGN.md, "interviewer talk").
 */

/** DESIGN.md's default interviewer labels. */
export const DEFAULT_INTERVIEWER_LABELS: readonly string[] = [
  'Interviewer', 'I', 'Int', 'Q', 'Moderator', 'Facilitator',
];

/** Parses a comma-separated list of labels, trimming blanks. */
export function parseLabelList(list: string): string[] {
  return list.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function fold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

/**
 * A predicate telling whether a speaker is an interviewer: the speaker equals one of the
 * labels case-insensitively, or is one of them numbered (`Interviewer 2`, `I1`), so that
 * studies with several interviewers need not list each.
 */
export function interviewerMatcher(labels: readonly string[]): (speaker: string) => boolean {
  const set = new Set(labels.map(fold));
  return (speaker: string): boolean => {
    const s = fold(speaker.trim());
    if (set.has(s)) return true;
    const numbered = /^(.*?)[ \t]*\d+$/u.exec(s);
    return numbered !== null && numbered[1]!.length > 0 && set.has(numbered[1]!);
  };
}
