/**
 * `qcode speakers`: every speaker label per source with its role, turns and words, and
 * why it has that role; `qcode speakers set` changes one label's role and re-attributes
 * the talk at once, in one transaction.
 */
import { InputError, UsageError } from '../core/errors.js';
import { nearestNames } from '../core/nearest.js';
import { compareNatural } from '../core/sort.js';
import { roleResolver, speakerKey, type RoleReason } from '../core/speaker-roles.js';
import type { Role } from '../core/talk.js';
import type { TableData } from '../format/table-shape.js';
import type { AppContext } from './context.js';
import { reattributeTalk, setSpeakerRole, speakerSettings, type Reattributed } from './interviewer-labels.js';
import { withProject, type Project } from './project.js';
import { sourceNotFound } from './source-lookup.js';

export interface SpeakerListing {
  source: string;
  /** The label as first written in the source; null for a source without speaker labels. */
  speaker: string | null;
  role: Role;
  turns: number;
  words: number;
  because: RoleReason | 'no speaker labels';
}

/** Every label of every source (or of `source`), in the order of sources and of first appearance. */
export function listSpeakers(ctx: AppContext, options: { source?: string } = {}): SpeakerListing[] {
  return withProject(ctx, (p) => speakerRows(p, options.source), { readonly: true });
}

function speakerRows(p: Project, only?: string): SpeakerListing[] {
  const settings = speakerSettings(p);
  let sources = p.sources.list();
  if (only !== undefined) {
    sources = sources.filter((s) => s.id === only);
    if (sources.length === 0) throw sourceNotFound(p, only);
  }
  sources.sort((a, b) => compareNatural(a.case, b.case) || compareNatural(a.wave, b.wave) || compareNatural(a.id, b.id));
  const rows: SpeakerListing[] = [];
  for (const s of sources) {
    const turns = p.sources.turnsOf(s.id)!;
    if (turns.length === 0) {
      rows.push({ source: s.id, speaker: null, role: 'participant', turns: 0, words: s.participantWords, because: 'no speaker labels' });
      continue;
    }
    const why = roleResolver(settings, s.id, s.metadata);
    const byKey = new Map<string, SpeakerListing>();
    for (const t of turns) {
      const key = speakerKey(t.speaker);
      let row = byKey.get(key);
      if (row === undefined) {
        row = { source: s.id, speaker: t.speaker, role: t.role, turns: 0, words: 0, because: why(t.speaker).because };
        byKey.set(key, row);
        rows.push(row);
      }
      row.turns++;
      row.words += t.words;
    }
  }
  return rows;
}

export interface SpeakerChange {
  label: string;
  role: Role;
  /** The source the setting applies to; null: project-wide. */
  source: string | null;
  reattributed: Reattributed[];
}

/** Gives one label a role, project-wide or in one source, and re-attributes the talk. */
export function setSpeaker(ctx: AppContext, label: string, role: string, source?: string): SpeakerChange {
  if (role !== 'interviewer' && role !== 'participant') throw new UsageError(`--role ${role}: give interviewer or participant`);
  return withProject(ctx, (p) => p.write(() => {
    const rows = speakerRows(p, source);
    const known = [...new Map(rows.filter((r) => r.speaker !== null).map((r) => [speakerKey(r.speaker!), r.speaker!])).values()];
    const written = known.find((k) => speakerKey(k) === speakerKey(label));
    if (written === undefined) {
      const near = nearestNames(label.trim(), known);
      const where = source === undefined ? 'any source' : source;
      throw new InputError(`no speaker label "${label}" in ${where}`, {
        code: 'E_NO_SPEAKER',
        hint: near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : `qcode speakers${source === undefined ? '' : ` --source ${source}`} lists them; before ingesting, use qcode ingest --interviewer NAME`,
      });
    }
    setSpeakerRole(p, written, role, source ?? null);
    return { label: written, role, source: source ?? null, reattributed: reattributeTalk(p) };
  }));
}

export function speakersTable(rows: SpeakerListing[]): TableData {
  return {
    columns: [
      { key: 'source', header: 'source' },
      { key: 'speaker', header: 'speaker' },
      { key: 'role', header: 'role' },
      { key: 'turns', header: 'turns', align: 'right' },
      { key: 'words', header: 'words', align: 'right' },
      { key: 'because', header: 'because' },
    ],
    rows: rows.map((r) => ({ ...r, speaker: r.speaker ?? '–' })),
  };
}
