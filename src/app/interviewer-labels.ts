/**
 * The project's speaker roles, stored so that every ingest and report agrees: the
 * interviewer labels (`ingest --interviewer` adds to them), the labels set with
 * `qcode speakers set`, and the re-attribution of talk whenever they change.
 */
import { DEFAULT_INTERVIEWER_LABELS } from '../core/interviewer.js';
import { addedLabels, isInterviewerIn, speakerKey, type SpeakerRoleSettings } from '../core/speaker-roles.js';
import { indexTalk, type Role } from '../core/talk.js';
import type { Project } from './project.js';

const KEY = 'interviewer_labels';
/** `{ project: {label: role}, sources: {source: {label: role}} }`, labels as speakerKey gives them. */
const ROLES_KEY = 'speaker_roles';

type StoredRoles = Pick<SpeakerRoleSettings, 'project' | 'sources'>;

export function interviewerLabels(project: Project): string[] {
  return project.settings.get<string[]>(KEY) ?? [...DEFAULT_INTERVIEWER_LABELS];
}

/** Everything that decides a label's role in this project. */
export function speakerSettings(project: Project): SpeakerRoleSettings {
  const stored = project.settings.get<StoredRoles>(ROLES_KEY) ?? { project: {}, sources: {} };
  return { labels: interviewerLabels(project), project: stored.project, sources: stored.sources };
}

/** The matcher of one source under the project's settings, `speakers set` included. */
export function sourceMatcher(settings: SpeakerRoleSettings, sourceId: string, metadata: Record<string, unknown>): (speaker: string) => boolean {
  return isInterviewerIn(settings, sourceId, metadata);
}

/**
 * `ingest --interviewer NAMES [--no-default-interviewers]`: adds the names to the
 * project's interviewer labels (dropping the defaults only when asked). A name given here
 * also loses any project-wide `speakers set … --role participant`, since the user has
 * just said it is the interviewer. Returns the number of sources re-attributed.
 */
export function addInterviewerLabels(project: Project, names: readonly string[], dropDefaults: boolean): number {
  const labels = addedLabels(interviewerLabels(project), names, dropDefaults);
  const stored = project.settings.get<StoredRoles>(ROLES_KEY);
  const keys = new Set(names.map(speakerKey));
  if (stored !== undefined && Object.keys(stored.project).some((k) => keys.has(k))) {
    const rest = Object.fromEntries(Object.entries(stored.project).filter(([k]) => !keys.has(k)));
    project.settings.set(ROLES_KEY, { ...stored, project: rest });
  }
  project.settings.set(KEY, labels);
  return reattributeTalk(project).length;
}

/**
 * `speakers set LABEL --role R [--source S]`: one exact label (ignoring case), in one
 * source or project-wide. Project-wide replaces the label's settings in single sources.
 */
export function setSpeakerRole(project: Project, label: string, role: Role, sourceId: string | null): void {
  const stored = project.settings.get<StoredRoles>(ROLES_KEY) ?? { project: {}, sources: {} };
  const key = speakerKey(label);
  const sources: Record<string, Record<string, Role>> = {};
  for (const [id, roles] of Object.entries(stored.sources)) {
    const kept = Object.fromEntries(Object.entries(roles).filter(([k]) => sourceId !== null || k !== key));
    if (Object.keys(kept).length > 0) sources[id] = kept;
  }
  const projectRoles: Record<string, Role> = { ...stored.project };
  if (sourceId === null) projectRoles[key] = role;
  else sources[sourceId] = { ...(sources[sourceId] ?? {}), [key]: role };
  project.settings.set(ROLES_KEY, { project: projectRoles, sources });
}

export interface Reattributed {
  source: string;
  turnsChanged: number;
  participantWords: number;
  interviewerWords: number;
}

/**
 * Recomputes who says what in every stored source under the current settings (inside the
 * caller's transaction). The stored turns are kept as they are (timed formats know labels
 * the text alone would not show); roles and the participant-word index are recomputed.
 * Returns the sources whose attribution changed.
 */
export function reattributeTalk(project: Project): Reattributed[] {
  const settings = speakerSettings(project);
  const changed: Reattributed[] = [];
  for (const summary of project.sources.list()) {
    const src = project.sources.text(summary.id)!;
    const talk = indexTalk(src.text, src.turns, sourceMatcher(settings, summary.id, summary.metadata));
    const turnsChanged = talk.roles.filter((r, i) => r !== src.turns[i]!.role).length;
    if (turnsChanged === 0) continue;
    project.sources.updateTalk(src.revisionId, talk.roles, talk.participantWords, talk.interviewerWords, talk.participantWordStarts);
    changed.push({ source: summary.id, turnsChanged, participantWords: talk.participantWords, interviewerWords: talk.interviewerWords });
  }
  return changed;
}
