/**
 * Who is the interviewer, label by label: the project's interviewer labels (numbered forms
 * count, DESIGN.md "interviewer talk"), a source's front-matter `interviewer`, and the
 * exact labels set with `qcode speakers set`, project-wide or in one source.
 */
import { DEFAULT_INTERVIEWER_LABELS, interviewerMatcher } from './interviewer.js';
import type { Role } from './talk.js';

export interface SpeakerRoleSettings {
  /** The project's interviewer labels; their numbered forms (`Interviewer 2`, `I1`) count too. */
  labels: readonly string[];
  /** Exact labels (keys from `speakerKey`) given a role project-wide with `speakers set`. */
  project: Readonly<Record<string, Role>>;
  /** Per source id: exact labels given a role in that source with `speakers set --source`. */
  sources: Readonly<Record<string, Readonly<Record<string, Role>>>>;
}

/** Why a label has its role, most specific first. */
export type RoleReason = 'set in this source' | 'set for the project' | 'front matter interviewer' | 'interviewer label' | 'not an interviewer label';

export const NO_SETTINGS: SpeakerRoleSettings = { labels: DEFAULT_INTERVIEWER_LABELS, project: {}, sources: {} };

/** Labels compare ignoring case, as interviewer labels always have. */
export function speakerKey(label: string): string {
  return label.trim().normalize('NFC').toLowerCase();
}

/** The names a source's front matter gives as `interviewer` (one or a list). */
export function frontMatterInterviewers(metadata: Record<string, unknown>): string[] {
  const extra = metadata.interviewer;
  const names = Array.isArray(extra) ? extra : extra === undefined || extra === null ? [] : [extra];
  return names.filter((n) => typeof n === 'string' || typeof n === 'number').map(String);
}

/**
 * The role of every label of one source, and why: a setting of this source first, then a
 * project-wide setting, then the front matter's interviewer, then the interviewer labels.
 */
export function roleResolver(settings: SpeakerRoleSettings, sourceId: string, metadata: Record<string, unknown>): (speaker: string) => { role: Role; because: RoleReason } {
  const own = settings.sources[sourceId] ?? {};
  const byFrontMatter = interviewerMatcher(frontMatterInterviewers(metadata));
  const byLabel = interviewerMatcher(settings.labels);
  return (speaker) => {
    const key = speakerKey(speaker);
    const set = own[key];
    if (set !== undefined) return { role: set, because: 'set in this source' };
    const project = settings.project[key];
    if (project !== undefined) return { role: project, because: 'set for the project' };
    if (byFrontMatter(speaker)) return { role: 'interviewer', because: 'front matter interviewer' };
    if (byLabel(speaker)) return { role: 'interviewer', because: 'interviewer label' };
    return { role: 'participant', because: 'not an interviewer label' };
  };
}

/** The predicate ingest and re-attribution use for one source. */
export function isInterviewerIn(settings: SpeakerRoleSettings, sourceId: string, metadata: Record<string, unknown>): (speaker: string) => boolean {
  const resolve = roleResolver(settings, sourceId, metadata);
  return (speaker) => resolve(speaker).role === 'interviewer';
}

/**
 * The labels after `ingest --interviewer NAMES`: the current ones (without the defaults
 * when `dropDefaults`), then each new name not already there (ignoring case).
 */
export function addedLabels(current: readonly string[], added: readonly string[], dropDefaults: boolean): string[] {
  const defaults = new Set(DEFAULT_INTERVIEWER_LABELS.map(speakerKey));
  const out = current.filter((l) => !dropDefaults || !defaults.has(speakerKey(l)));
  for (const name of added) if (!out.some((l) => speakerKey(l) === speakerKey(name))) out.push(name);
  return out;
}
