/**
 * `qcode import FILE.qdpx`: a REFI-QDA project into this one, in one transaction, as
 * `qcode merge` brings another copy: sources by content, codes by name, codings under
 * their own coders (joined with identical or overlapping ones, so that importing twice
 * changes nothing). Selection positions are converted from the exporter's convention to
 * code points of the normalised text; what cannot be placed exactly is kept as an
 * orphaned coding with its reason, and everything not brought in is counted.
 */
import { resolve } from 'node:path';
import { CONVENTION_LABEL, chooseConvention, RawText, weighConventions, type PositionConvention } from '../core/refi-positions.js';
import { addLoss, type RefiProject } from '../core/refi-model.js';
import { readQdpx } from '../io/refi/qdpx-read.js';
import { actingCoderId, coderIdentity } from './coder.js';
import { nowOf, type AppContext } from './context.js';
import { withProject, type Project } from './project.js';
import { importCodes } from './refi-import-codes.js';
import { importSources, type PreparedSource } from './refi-import-sources.js';
import { importMemos } from './refi-import-memos.js';
import type { ImportSummary } from '../core/refi-import-summary.js';

export type { ImportSummary } from '../core/refi-import-summary.js';

const EVIDENCE_TEXTS = 50;

export function importQdpx(ctx: AppContext, file: string, options: { dryRun?: boolean } = {}): ImportSummary {
  const project = readQdpx(resolve(ctx.cwd, file), file);
  const who = coderIdentity(ctx);
  const coder = who.coder;
  const prepared = prepareSources(project);
  const agree = prepared.every((s) => s.raw === null || s.raw.conventionsAgree);
  // The first 50 texts on which the conventions differ are evidence enough (weighing builds
  // every convention's offsets of a text; the others then build only the chosen one's).
  const telling = prepared.filter((s) => s.raw !== null && !s.raw.conventionsAgree && s.source.selections.length > 0).slice(0, EVIDENCE_TEXTS);
  const decision = chooseConvention(weighConventions(telling.map((s) => ({ text: s.raw!, selections: s.source.selections }))), project.origin);
  return withProject(ctx, (p) => p.writeOrRollback(() => {
    const now = nowOf(ctx);
    const s = emptySummary(file, project, options.dryRun === true, decision.convention, agree ? 'no text has CR LF or characters beyond the BMP: every convention gives the same positions' : decision.decidedBy);
    const importerId = actingCoderId(ctx, p, who, now);
    const users = new Map(project.users.map((u) => [u.guid, u.name]));
    for (const u of project.users) p.coders.ensure(u.name, now);
    s.imported.coders = project.users.length;
    const codes = importCodes(p, project, importerId, now, file, s);
    const fallbackCoder = project.creatingUserGuid === null ? coder : users.get(project.creatingUserGuid) ?? coder;
    const sources = importSources(p, project, prepared, codes, { users, fallbackCoder, convention: decision.convention, now, file }, s);
    importMemos(p, project, codes, sources, { users, fallbackCoder, now }, s);
    keepSets(p, project, codes, sources.sourceIds, s);
    s.lost.push(...project.losses);
    return s;
  }, options.dryRun === true));
}

function prepareSources(project: RefiProject): PreparedSource[] {
  return project.sources.map((source) => ({ source, raw: source.text === null ? null : new RawText(source.text) }));
}

function emptySummary(file: string, project: RefiProject, dryRun: boolean, convention: PositionConvention, decidedBy: string): ImportSummary {
  return {
    dryRun, file, project: project.name, origin: project.origin,
    positions: { convention, meaning: CONVENTION_LABEL[convention], decidedBy },
    imported: {
      coders: 0, codesAdded: 0, codesMatched: 0, sourcesAdded: 0, sourcesMatched: 0, codingsAdded: 0, codingsJoined: 0,
      codingsAlreadyHere: 0, orphans: 0, memosAdded: 0, memosAlreadyHere: 0, cases: 0, attributesAdded: 0, sets: 0,
    },
    renamed: [], orphans: [], sourcesWithoutText: [], sets: [], lost: [],
  };
}

const SETS_KEY = 'refi_sets';

/** Sets (named groups of codes and sources) are kept in the settings and listed. */
function keepSets(p: Project, project: RefiProject, codes: Map<string, { name: string } | null>, sourceIds: Map<string, string>, s: ImportSummary): void {
  if (project.sets.length === 0) return;
  const kept = p.settings.get<ImportSummary['sets']>(SETS_KEY) ?? [];
  for (const set of project.sets) {
    const entry = {
      name: set.name,
      codes: set.codes.map((g) => codes.get(g)?.name).filter((n): n is string => n !== undefined).sort(),
      sources: set.sources.map((g) => sourceIds.get(g)).filter((n): n is string => n !== undefined).sort(),
      notes: set.notes.length,
    };
    addLoss(s.lost, 'set members that are neither codes nor sources brought in', 'only codes and text sources can be members here', set.codes.length + set.sources.length - entry.codes.length - entry.sources.length);
    s.sets.push(entry);
    const at = kept.findIndex((k) => k.name === set.name);
    if (at >= 0) kept[at] = entry;
    else kept.push(entry);
  }
  s.imported.sets = project.sets.length;
  p.settings.set(SETS_KEY, kept);
}

/** The sets kept from REFI-QDA imports. */
export function keptSets(p: Project): ImportSummary['sets'] {
  return p.settings.get<ImportSummary['sets']>(SETS_KEY) ?? [];
}
