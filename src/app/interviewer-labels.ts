/**
 * The project's interviewer labels, stored so that every ingest and report agrees, and
 * the re-attribution of talk when they change.
 */
import { sourceInterviewerLabels } from '../core/analyse.js';
import { DEFAULT_INTERVIEWER_LABELS, interviewerMatcher } from '../core/interviewer.js';
import { indexTalk } from '../core/talk.js';
import type { Project } from './project.js';

const KEY = 'interviewer_labels';

export function interviewerLabels(project: Project): string[] {
  return project.settings.get<string[]>(KEY) ?? [...DEFAULT_INTERVIEWER_LABELS];
}

/** A matcher for one source: the project's labels plus its front matter's interviewer. */
export function matcherFor(labels: readonly string[], metadata: Record<string, unknown>): (speaker: string) => boolean {
  return interviewerMatcher(sourceInterviewerLabels(labels, metadata));
}

/**
 * Stores new labels and re-attributes the talk of every stored source under them
 * (inside the caller's transaction). The stored turns are kept as they are (timed
 * formats know labels the text alone would not show); roles and the participant-word
 * index are recomputed. Returns the number of sources whose attribution changed.
 */
export function setInterviewerLabels(project: Project, labels: readonly string[]): number {
  const before = interviewerLabels(project);
  if (before.join('\n') === labels.join('\n')) return 0;
  project.settings.set(KEY, labels);
  let changed = 0;
  for (const summary of project.sources.list()) {
    const src = project.sources.text(summary.id)!;
    const isInterviewer = matcherFor(labels, summary.metadata);
    const talk = indexTalk(src.text, src.turns, isInterviewer);
    if (talk.roles.every((r, i) => r === src.turns[i]!.role)) continue;
    project.sources.updateTalk(src.revisionId, talk.roles, talk.participantWords, talk.interviewerWords, talk.participantWordStarts);
    changed++;
  }
  return changed;
}
