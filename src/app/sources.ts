/**
 * `qcode sources`: the ingested sources in natural order of case, wave and id.
 */
import { compareNatural } from '../core/sort.js';
import type { TableData } from '../format/table-shape.js';
import type { AppContext } from './context.js';
import { withProject } from './project.js';

export interface SourceListing {
  id: string;
  case: string;
  wave: string;
  format: string;
  encoding: string;
  turns: number;
  participantWords: number;
  interviewerWords: number;
  revision: number;
  date: string | null;
  durationMin: number | null;
  path: string;
}

export function listSources(ctx: AppContext): SourceListing[] {
  const all = withProject(ctx, (p) => p.sources.list(), { readonly: true });
  return all
    .sort((a, b) => compareNatural(a.case, b.case) || compareNatural(a.wave, b.wave) || compareNatural(a.id, b.id))
    .map((s) => ({
      id: s.id, case: s.case, wave: s.wave, format: s.format, encoding: s.encoding, turns: s.turns,
      participantWords: s.participantWords, interviewerWords: s.interviewerWords, revision: s.revision,
      date: s.date, durationMin: s.durationSec === null ? null : s.durationSec / 60, path: s.path,
    }));
}

export function sourcesTable(rows: SourceListing[]): TableData {
  return {
    columns: [
      { key: 'id', header: 'source' },
      { key: 'case', header: 'case' },
      { key: 'wave', header: 'wave', align: 'right' },
      { key: 'format', header: 'format' },
      { key: 'encoding', header: 'encoding' },
      { key: 'turns', header: 'turns', align: 'right' },
      { key: 'participantWords', header: 'participant words', align: 'right' },
      { key: 'interviewerWords', header: 'interviewer words', align: 'right' },
      { key: 'revision', header: 'rev', align: 'right' },
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}
